"""The titles of the engine's checklist rows, for makemessages.

The engine (``endorsement/guidelines/``) stays free of Django and names each requirement in
English ("Relationship-based training"); its sentences go through the engine catalog
(``engine_strings.py``), its row titles do not. Pages print a title with
``{% translate row.title %}`` (or ``requirement_title`` in Python), which looks the English
title up in the catalog at render time; this list only lets makemessages find the titles.
A title missing here stays in English. Never imported by the engine.
"""
from django.utils.translation import gettext, gettext_noop

TITLES = (
    gettext_noop("Education"),
    gettext_noop("Education and/or work experience"),
    gettext_noop("Work experience"),
    gettext_noop("Specialized work experience"),
    gettext_noop("Relationship-based training"),
    gettext_noop("Reflective supervision/consultation"),
    gettext_noop("Reference ratings"),
    gettext_noop("Code of Ethics"),
    gettext_noop("Endorsement® Agreement"),
    gettext_noop("Written examination"),
    gettext_noop("Association membership"),
    gettext_noop("Processing fee"),
    gettext_noop("Endorsed as FS or MHS"),
    gettext_noop("Providing RSC"),
    gettext_noop("Receiving RSC on the RSC you provide"),
    gettext_noop("Training on providing RSC"),
    gettext_noop("Two years from Emerging status"),
    gettext_noop("Training this year"),
    gettext_noop("Training about reflective supervision/consultation"),
    gettext_noop("Reflective supervision/consultation received"),
    gettext_noop("Membership renewed"),
)


def requirement_title(title: str) -> str:
    """The engine's English row title in the active language (as is when not catalogued)."""
    return gettext(title) if title else title
