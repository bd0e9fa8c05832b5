"""What the applicants app tells the Endorsement® record (endorsement.credentials): the name a
person gave in their profile ("as you will sign the agreements") is the name on their
certificates, and changing it makes the certificates again. Connected in ApplicantsConfig.ready().
"""
from django.db.models.signals import post_save

from endorsement.credentials import names, services

from .models import ApplicantProfile


def profile_name(user) -> str | None:
    return (ApplicantProfile.objects.filter(user=user)
            .values_list("full_name", flat=True).first())


def profile_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        services.holder_renamed(instance.user)


def connect() -> None:
    names.register_name_source(profile_name)
    post_save.connect(profile_saved, sender=ApplicantProfile,
                      dispatch_uid="applicants.profile_renames_holder")
