"""Show dates the same way whether they come from the database or a submission snapshot."""
import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime

from applicants.panels import render_panels

register = template.Library()


@register.filter
def day(value):
    """``2026-03-01`` or a date -> "March 1, 2026" ("1 de marzo de 2026"); empty stays empty."""
    if not value:
        return ""
    if isinstance(value, str):
        value = (parse_date(value) if len(value) == 10 else parse_datetime(value)) or value
        if isinstance(value, str):
            return value
    from django.utils.translation import gettext

    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        # Translators: a date and time format (Django date filter): "3 de marzo de 2026, 14:30"
        return formats.date_format(value, gettext("F j, Y, g:i A"))
    from applicants.row_html import date_text

    # Translators: a date format (Django's date filter), e.g. "3 de marzo de 2026"
    return date_text(value, gettext("F j, Y"))


@register.filter
def label(value):
    """A label kept in English (a submission snapshot keeps the English words: a work kind,
    a region, a document's name...) in the reader's language. Only for labels the site
    wrote, never for what people typed."""
    if not value:
        return ""
    from django.utils.translation import gettext

    return gettext(str(value))


def _term(terms, value):
    from django.utils.translation import gettext

    from endorsement.guidelines.vocabulary import label_of

    return gettext(label_of(terms, value)) if value else ""


@register.filter
def rsc_format(value):
    """``individual`` -> "Individual", in the reader's language."""
    from endorsement.guidelines import RSC_FORMATS

    return _term(RSC_FORMATS, value)


@register.filter
def degree(value):
    """A degree code (``master``) -> its label, in the reader's language."""
    from endorsement.guidelines import DEGREE_TYPES

    return _term(DEGREE_TYPES, value)


@register.filter
def scope(value):
    """A leadership scope (``regional``) -> "Regional", in the reader's language."""
    from endorsement.guidelines import LEADERSHIP_SCOPES

    return _term(LEADERSHIP_SCOPES, value)


@register.simple_tag(takes_context=True)
def application_panels(context, application, slot=""):
    """What other apps show on the application's page (see applicants.panels)."""
    return render_panels(application, context["request"].user, slot)
@register.filter
def hours(value):
    """``1`` -> "1 hour", ``1.5`` -> "1.5 hours" (never "1 hours"), in the user's language."""
    from applicants.row_html import hours_text

    return hours_text(value)


@register.simple_tag
def training_items(training):
    """The ``<li>`` of each training of an answers dict (live or a snapshot): one string built
    in Python, not a loop of the template language (hundreds of rows; see row_html)."""
    from applicants.row_html import training_items

    return training_items(training)


@register.simple_tag
def work_items(work):
    from applicants.row_html import work_items

    return work_items(work)


@register.simple_tag
def rsc_items(rsc):
    from applicants.row_html import rsc_items

    return rsc_items(rsc)
