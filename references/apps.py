from django.apps import AppConfig


class ReferencesConfig(AppConfig):
    name = "references"

    def ready(self):
        from applicants import outstanding

        from .status import outstanding_items

        outstanding.register(outstanding_items)
