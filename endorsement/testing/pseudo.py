"""Pseudo-translation: find the English that is not marked for translation.

Inside ``pseudo_spanish()`` the active language is Spanish (Spanish date formats, ``lang="es"``)
but every catalog look-up returns its English msgid wrapped in ``⟦ ⟧``. Whatever a page or
email shows outside the brackets was never passed through gettext, so a Spanish reader would
see it in English whatever the catalog says. ``unmarked_words(html, allowed)`` lists those
words, leaving out data (names, addresses) the caller allows.

It does not need the Spanish catalog to be complete, so it guards the wrapping of the strings
while their translations are still being written.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from html import unescape

from django.utils import translation
from django.utils.translation import trans_real

from endorsement import i18n
from endorsement.guidelines.kept import ByIdentity

OPEN, CLOSE = "⟦", "⟧"
CONTEXT_SEPARATOR = "\x04"


class _Pseudo:
    """A Spanish translation object whose every message is its msgid, bracketed."""

    def __init__(self, real):
        self._real = real

    def gettext(self, message):
        if not message:
            return message
        return OPEN + message.rsplit(CONTEXT_SEPARATOR, 1)[-1] + CLOSE

    def ngettext(self, singular, plural, number):
        return OPEN + (singular if number == 1 else plural).rsplit(CONTEXT_SEPARATOR, 1)[-1] \
            + CLOSE

    def to_language(self):
        return "es"

    def language(self):
        return "es"

    def __getattr__(self, name):
        return getattr(self._real, name)


@contextmanager
def pseudo_spanish(monkeypatch):
    """Spanish with bracketed English messages, for this block and every request in it
    (the locale middleware activates "es" through the patched ``trans_real.translation``)."""
    real_translation = trans_real.translation

    def fake(language):
        real = real_translation(language)
        return _Pseudo(real) if language.startswith("es") else real

    monkeypatch.setattr(trans_real, "translation", fake)
    # The engine's remembered templates (endorsement.i18n): fresh ones while patched, the
    # real ones back with the real catalogs.
    monkeypatch.setattr(i18n, "_engine_translators", {})
    monkeypatch.setattr(i18n, "_by_active", ByIdentity(64))
    with translation.override("es"):
        yield


_TAGS = re.compile(r"<(script|style|code)\b.*?</\1>|<!--.*?-->", re.S | re.I)  # code: identifiers
_ATTRS = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_MARKED = re.compile(OPEN + "[^" + OPEN + CLOSE + "]*" + CLOSE)
_WORD = re.compile(r"[^\W\d_][^\W\d_'’]+")
# Names and codes that stay as published in every language, and the language switch.
ALWAYS = {"IMH", "ECMH", "Endorsement", "Endorsements", "CDA", "RSC", "English", "Español",
          "II", "III", "IV", "QR", "de"}


def unmarked_words(html: str, allowed=()) -> set[str]:
    """Words of ``html``'s visible text (and of its aria-label, alt, title and placeholder
    attributes) outside any ``⟦ ⟧``, less ``allowed`` phrases and the names kept as they are."""
    html = _TAGS.sub(" ", html)
    text = " ".join([_TAG.sub(" ", html), *_ATTRS.findall(html)])
    text = unescape(text)
    while True:
        stripped = _MARKED.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    for phrase in sorted(allowed, key=len, reverse=True):
        text = text.replace(str(phrase), " ")
    return {w for w in _WORD.findall(text) if w not in ALWAYS}
