from django.apps import AppConfig


class ApplicantsConfig(AppConfig):
    name = "applicants"

    def ready(self):
        from . import credentials_hooks

        credentials_hooks.connect()
