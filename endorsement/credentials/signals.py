"""The certificate follows what it prints: a changed Endorsement®, holder's name or holder's
language remakes it.

Connected in CredentialsConfig.ready(). Creation is handled by record_endorsement itself; the
task makes nothing when the printed content did not change (e.g. a status change).
"""
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from endorsement.i18n import language_changed

from . import services
from .models import Endorsement

NAME_FIELDS = {"first_name", "last_name"}


def endorsement_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or kwargs.get("raw"):
        return
    if update_fields is not None and not {"issued_on", "valid_through", "number", "program",
                                          "category", "holder"} & set(update_fields):
        return
    services.issue_certificate(instance)


def holder_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or kwargs.get("raw"):
        return
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return  # e.g. last_login on every sign-in
    services.holder_renamed(instance)


def holder_language_changed(sender, user, language, **kwargs):
    """The certificate is printed in the holder's language: made again in the new one."""
    services.holder_renamed(user)


def connect():
    post_save.connect(endorsement_saved, sender=Endorsement,
                      dispatch_uid="credentials.endorsement_saved")
    post_save.connect(holder_saved, sender=get_user_model(),
                      dispatch_uid="credentials.holder_saved")
    language_changed.connect(holder_language_changed,
                             dispatch_uid="credentials.holder_language_changed")
