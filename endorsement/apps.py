from django.apps import AppConfig


class EndorsementConfig(AppConfig):
    name = "endorsement"
    verbose_name = "Endorsement"

    def ready(self):
        from allauth.account.signals import email_confirmed
        from allauth.mfa.models import Authenticator
        from allauth.mfa.signals import authenticator_removed
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete

        from .accounts import address_verified
        from .guidelines.messages import set_translator_source
        from .i18n import catalogs_changed, engine_translator

        email_confirmed.connect(address_verified, dispatch_uid="endorsement-address-verified")
        post_delete.connect(_second_factor_deleted, sender=Authenticator,
                            dispatch_uid="endorsement-second-factor-deleted")
        authenticator_removed.connect(_second_factor_removed_here,
                                      dispatch_uid="endorsement-second-factor-removed")
        # The audit trail's totals are counted once per change (endorsement/counting.py).
        from .counting import bump_on_change
        from .models import AuditEvent, User

        bump_on_change("audit", AuditEvent)
        # The People page's totals (a common name: 5,000 matches gathered again to count).
        bump_on_change("people", User)
        # The engine's sentences (checklist details) in the active language.
        set_translator_source(engine_translator)
        setting_changed.connect(catalogs_changed, dispatch_uid="endorsement-engine-catalogs")


def _second_factor_deleted(sender, instance, **kwargs):
    """Staff whose TOTP is removed (by themselves, or in the admin) lose staff pages at once,
    in every browser, not at their next sign-in."""
    if instance.type == "totp":
        from .sessions import forget_second_factor

        forget_second_factor(instance.user_id)


def _second_factor_removed_here(sender, request=None, authenticator=None, **kwargs):
    """...and in the browser that removed it (its session is saved after the request)."""
    from .middleware import TWO_FACTOR_CHECKED

    if request is not None and getattr(authenticator, "type", "totp") == "totp":
        request.session.pop(TWO_FACTOR_CHECKED, None)
