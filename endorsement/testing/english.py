"""Finding English left on a page rendered for a Spanish reader.

A page a Spanish reader opens may still show what people typed (names, titles, comments:
never translated) but none of the site's own English. ``english_left`` reads the visible text
of an HTML page, removes the values people typed (every text stored in the database, given as
``typed``) and anything marked ``lang="en"`` (the language switch's "English"), and returns
the pieces that still hold common English words that are not Spanish words.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Common English words that are not Spanish words (so "no", "a", "me", "once", "total" are
# left out); proper names such as IMH-E®, Endorsement®, MassAIMH never match.
ENGLISH_WORDS = frozenset("""
the your you and with this that have has been what which will please must are were there
their they here when where would should could not need needs about after before only each
every yet into our don't can't isn't won't doesn't didn't you're it's we're let's there's
save add next back sign submit submitted draft edit delete remove cancel continue done yes
hours training application applicant reference references review reviewer rater rating
ratings status home help page pages name date email password level section sections
download upload file files show hide view open close new none from for of to by on at is
be or an as if up out all more less than how who why
""".split())

_SKIP_TAGS = {"script", "style", "noscript", "template", "code", "pre"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


class _Text(HTMLParser):
    """Visible text pieces, plus the title/aria-label/placeholder/alt attributes people read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    @property
    def _hidden(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in _SKIP_TAGS or attrs.get("lang", "").startswith("en") \
            or "translate-skip" in (attrs.get("class") or "")
        if not skip and not self._hidden:
            for name in ("title", "aria-label", "placeholder", "alt"):
                if attrs.get(name):
                    self.pieces.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.pieces.append(attrs["value"])
        if tag not in _VOID:
            self._stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack:
            self._stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(data)


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [" ".join(p.split()) for p in parser.pieces]


def english_left(html: str, typed: set[str] = frozenset()) -> list[str]:
    """The pieces of the page's visible text that still read as English."""
    longest_first = sorted((t for t in typed if len(t) >= 3), key=len, reverse=True)
    found = []
    for piece in visible_text(html):
        text = piece
        for value in longest_first:
            if value in text:
                text = text.replace(value, " ")
        words = [w.lower() for w in _WORD.findall(text)]
        if any(w in ENGLISH_WORDS for w in words):
            found.append(piece)
    return found


def proper_names() -> set[str]:
    """Names kept as the association publishes them, in every language: its own name, the
    program's, the Competency Guidelines®, and each credential's full name."""
    from django.conf import settings

    from endorsement.guidelines.vocabulary import CATEGORIES

    names = {settings.ASSOCIATION_NAME, "Infant and Early Childhood Mental Health",
             "Competency Guidelines", "Code of Ethics"}
    for category in CATEGORIES.values():
        names.update({category.imh_name, category.ecmh_name, category.va_name})
    return names


def typed_values() -> set[str]:
    """Every text value stored in the database: what people (and the test world) typed."""
    from django.apps import apps
    from django.db import models

    values: set[str] = proper_names()
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField, models.EmailField))
                  and not f.choices]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if isinstance(value, str) and value.strip():
                    values.add(value.strip())
                    values.update(line.strip() for line in value.splitlines() if line.strip())
    return values
