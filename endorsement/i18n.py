"""Languages: which one a person uses, and the engine's sentences in the active one.

The site speaks English and Spanish (``settings.LANGUAGES``). A signed-in person's choice is
kept on their account (``User.language``); a rater's on their reference request (the
references app); an email is rendered in its recipient's language (``mail.queue_mail``).
Free text people typed is never translated.
"""
from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable

from django.conf import settings
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import trans_real

from .guidelines.kept import ByIdentity

# Sent after a person's language was changed and kept: ``user``, ``language``.
language_changed = Signal()


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


def language_for_email(email: str | None, default: str | None = None) -> str:
    """The language of the account with this address, else ``default`` (English).

    Addresses without an account (a rater, the coordinator's shared mailbox) get English
    unless the caller says otherwise (a rater's emails pass the request's language)."""
    from .models import User

    if email:
        chosen = (User.objects.filter(email__iexact=email.strip())
                  .values_list("language", flat=True).first())
        if chosen:
            return normalize(chosen)
    return normalize(default) if default else settings.LANGUAGE_CODE


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
    """An engine template (``guidelines.messages``) from Django's catalog in the active
    language. The engine formats the result, falling back to English when a translation's
    placeholders do not match."""
    if singular == plural:  # no plural form: a plain catalog entry ...
        text = translation.gettext(singular)
        if text != singular:
            return text
        # ... unless the same words are also a plural entry ("a colleague" is both a slot
        # and the singular of "colleagues"): gettext keeps one entry, the plural one.
    return translation.ngettext(singular, plural, n)


# language -> the engine's translator for it. The engine keeps each template a translator
# gave for as long as that translator lives (guidelines.messages), so a language keeps one
# translator until Django's catalogs may change: the settings they come from (tests);
# pseudo_spanish swaps in its own.
_engine_translators: dict[str | None, Callable[[str, str, int], str]] = {}
# active translation object -> its language's translator: asking Django for the active
# language costs more than deciding a small case, so the engine's translator is found from
# the translation object that is active, when Django's own store for it can be read
# (below); the language is asked for once per translation object.
_by_active = ByIdentity(64)


def _active_store():
    """The context variable behind Django's active translation (``trans_real._active``, an
    ``asgiref.local.Local``), or None when this asgiref keeps it otherwise. Django makes a
    new ``Local`` when the language settings change (tests): it is found again then."""
    local = trans_real._active
    if local is not _store[0]:
        store = getattr(getattr(local, "_storage", None), "_data", None)
        _store[:] = [local, store if type(store) is contextvars.ContextVar else None]
    return _store[1]


_store: list = [None, None]   # [the Local last seen, its context variable]


def _active_translation() -> object:
    """The translation object active in this thread and context (None: none activated), as
    ``trans_real.get_language`` reads it, without the lock and frames of ``Local``; a new
    object every call when the store cannot be read (so the language is always asked)."""
    store = _active_store()
    if store is None:
        return object()
    stored = store.get(None)
    if stored is None:
        return None
    try:
        if stored.thread_id != _get_ident():
            return None   # nothing activated here (asgiref ignores a store from another thread)
        return stored.data.get("value")
    except AttributeError:
        return object()


_get_ident = threading.get_ident


def engine_translator() -> Callable[[str, str, int], str]:
    """The engine's translator for the active language, registered as its translator
    source in ``EndorsementConfig.ready``: the engine asks for it once per checklist, not per
    sentence, and asks it each template once (:func:`engine_translate` in that language)."""
    active = _active_translation()
    known = _by_active.get(active)
    if known is None:
        known = _by_active.put(active, _language_translator(translation.get_language()))
    return known


def _language_translator(language: str | None) -> Callable[[str, str, int], str]:
    known = _engine_translators.get(language)
    if known is None:
        known = _engine_translators[language] = _translator_for(language)
    return known


def _translator_for(language: str | None) -> Callable[[str, str, int], str]:
    def translate(singular: str, plural: str, n: int) -> str:
        with translation.override(language):
            return engine_translate(singular, plural, n)

    return translate


def forget_engine_translations(**kwargs) -> None:
    """Drop the remembered engine templates (Django's catalogs were reloaded or swapped)."""
    _engine_translators.clear()
    _by_active.clear()


def catalogs_changed(*, setting: str, **kwargs) -> None:
    """``setting_changed`` receiver: the settings after which Django reloads its catalogs
    (``django.test.signals``) make the engine forget its translated templates too."""
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        forget_engine_translations()


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
    if changed:
        # What is printed in the person's language follows (their certificates).
        language_changed.send(sender=User, user=user, language=code)
    return bool(changed)


def term_choices(terms) -> tuple:
    """``(value, label)`` pairs of engine vocabulary (``guidelines.vocabulary.Term``) for a
    form field, the label translated when the field is shown (gettext_lazy). The labels reach
    the catalog through ``engine_strings.py`` (``manage.py engine_messages``)."""
    from django.utils.translation import gettext_lazy

    return tuple((t.value, gettext_lazy(t.label)) for t in terms)


def finder_in_language(questions, recommendation):
    """The category finder's questions and suggestion in the active language. The engine
    keeps them as plain English data (``guidelines.finder``); ``manage.py engine_messages``
    lists every one for makemessages, and here each is looked up in the catalog. A reason is
    one of the engine's templates with the category's published name put in: the template is
    translated and the same name put back."""
    from dataclasses import replace

    from endorsement.guidelines import finder

    def question(q):
        return replace(q, text=translation.gettext(q.text),
                       help=translation.gettext(q.help) if q.help else q.help,
                       choices=tuple((value, translation.gettext(label))
                                     for value, label in q.choices))

    translated = tuple(question(q) for q in questions)
    if recommendation is None:
        return translated, None
    reason = recommendation.reason
    for template in (*finder._REASONS.values(), finder.NO_FIT_REASON):
        if template.format(name=recommendation.category_name) == recommendation.reason:
            reason = translation.gettext(template).replace("{name}",
                                                           recommendation.category_name or "")
            break
    note = recommendation.program_note
    return translated, replace(recommendation, reason=reason,
                               program_note=translation.gettext(note) if note else note)
