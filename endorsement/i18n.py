"""Languages: which one a person uses, and the engine's sentences in the active one.

The site speaks English and Spanish (``settings.LANGUAGES``). A signed-in person's choice is
kept on their account (``User.language``); a rater's on their reference request (the
references app); an email is rendered in its recipient's language (``mail.queue_mail``).
Free text people typed is never translated.
"""
from __future__ import annotations

from django.conf import settings
from django.utils import translation


def supported(code: str | None) -> str | None:
    """The site's language for ``code`` (``"es-MX"`` -> ``"es"``), or None when it has none
    (``"pt-BR"``, ``"xx"``, ``""``): callers then use the default (English)."""
    if not code or not isinstance(code, str) or len(code) > 32:
        return None
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def normalize(code: str | None) -> str:
    """Always one of ``settings.LANGUAGES``: an unknown code gives the default (English)."""
    return supported(code) or settings.LANGUAGE_CODE


def language_for_email(email: str | None) -> str:
    """The language of the account with this address, else the default (English).

    Addresses without an account (a rater, the coordinator's shared mailbox) get English
    unless the caller says otherwise (a rater's emails pass the request's language)."""
    from .models import User

    if email:
        chosen = (User.objects.filter(email__iexact=email.strip())
                  .values_list("language", flat=True).first())
        if chosen:
            return normalize(chosen)
    return settings.LANGUAGE_CODE


def language_name(code: str | None) -> str:
    """The language's own name ("English", "Español"), for staff pages and the switch."""
    code = normalize(code)
    return dict(settings.LANGUAGES).get(code, code)


def long_date(value) -> str:
    """A date (or an aware datetime, taken in the site's time zone) in the active language:
    "December 3, 2026"; in Spanish "3 de diciembre de 2026" (``endorsement.formats``)."""
    from datetime import datetime

    from django.utils import timezone
    from django.utils.formats import date_format

    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return date_format(value, "DATE_FORMAT")


def engine_translate(singular: str, plural: str, n: int) -> str:
    """The engine's render hook (``guidelines.messages.render(translate=...)``): Django's
    catalog in the active language. The engine formats the result, falling back to English
    when a translation's placeholders do not match."""
    if singular == plural:  # no plural form: a plain catalog entry ...
        text = translation.gettext(singular)
        if text != singular:
            return text
        # ... unless the same words are also a plural entry ("a colleague" is both a slot
        # and the singular of "colleagues"): gettext keeps one entry, the plural one.
    return translation.ngettext(singular, plural, n)


def set_account_language(user, code: str) -> bool:
    """Keep ``code`` as the person's language (pages and emails follow it). Returns False,
    changing nothing, for a language the site does not have or one already kept."""
    from django.db import transaction

    from . import audit
    from .models import User

    if code not in dict(settings.LANGUAGES) or not user.is_authenticated:
        return False
    with transaction.atomic():
        changed = User.objects.filter(pk=user.pk).exclude(language=code).update(language=code)
        if changed:
            audit.record("account.language_changed", user, actor=user, language=code)
    user.language = code
    return bool(changed)


def term_choices(terms) -> tuple:
    """``(value, label)`` pairs of engine vocabulary (``guidelines.vocabulary.Term``) for a
    form field, the label translated when the field is shown (gettext_lazy). The labels reach
    the catalog through ``engine_strings.py`` (``manage.py engine_messages``)."""
    from django.utils.translation import gettext_lazy

    return tuple((t.value, gettext_lazy(t.label)) for t in terms)
