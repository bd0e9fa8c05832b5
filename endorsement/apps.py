from django.apps import AppConfig


class EndorsementConfig(AppConfig):
    name = "endorsement"
    verbose_name = "Endorsement"
