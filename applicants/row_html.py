"""The rows of a section's list (training, RSC, work, degrees, leadership) and of the answers
(the check-and-submit page, the submitted page, a version), built in Python.

An applicant's evidence log holds hundreds of rows; each one through the template language
(a block, three {% url %}, a date filter, blocktranslate...) cost about 1 ms, so a section with
200 rows took 20 times a trivial page. Here each row is one string built with the same words
(the same msgids, so the same translations), every value escaped as the template escaped it,
the URLs reversed once per page and the row's id put in, and the dates and hours (a few
distinct values on a page) formatted once per language. The HTML is the one the templates
gave, byte for byte (applicants/tests/test_row_html.py).

Escaping follows the template language: a translated phrase is HTML as written (like
{% translate %} and the text of {% blocktranslate %}), every value put into it is escaped.
"""
from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.conf import settings
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

# --- values shown the same way on every page (cached per language) ----------------------

def _language():
    """What a date's or an hour's text depends on: the active language (its formats) and the
    translation object gettext reads now (its month names and words). Keyed on the object
    itself, a catalog replaced while running (as the pseudo-translation tests do) is never
    served a text kept from the one before."""
    from django.utils.translation import trans_real

    active = getattr(trans_real._active, "value", None)
    if active is None:
        active = trans_real.translation(settings.LANGUAGE_CODE)
    return get_language(), active


@lru_cache(maxsize=8192)
def _date(language: tuple, fmt: str, value: dt.date) -> str:
    return formats.date_format(value, fmt)


def date_text(value, fmt: str) -> str:
    """``value`` (a date) in the format ``fmt`` (already translated), as the date filter shows
    it; a date's text depends only on the language and the format, so it is kept."""
    if type(value) is dt.date:
        return _date(_language(), fmt, value)
    return formats.date_format(value, fmt)


def day(value: dt.date) -> str:
    # Translators: a date format (Django's date filter), e.g. "3 de marzo de 2026"
    return date_text(value, gettext("F j, Y"))


def month(value: dt.date) -> str:
    return date_text(value, gettext("F Y"))


@lru_cache(maxsize=4096)
def _hours(language: tuple, text: str) -> str:
    number = Decimal(text)
    shown = formats.number_format(number.quantize(Decimal("0.01")).normalize())
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if number == 1 else 2) % {
        "hours": shown}


def hours_text(value):
    """``1`` -> "1 hour", ``1.5`` -> "1.5 hours" in the user's language; ``value`` itself
    when it is not a number (the ``hours`` filter)."""
    try:
        return _hours(_language(), str(value))
    except (InvalidOperation, ValueError):
        return value


def _e(value) -> str:
    """The value's text escaped for HTML, as the template language escapes it (the same
    html.escape, without Django's lazy-string wrapper: it runs a few times per row)."""
    return html.escape(str(value))


def _values(values: dict) -> dict:
    return {key: _e(formats.localize(value)) for key, value in values.items()}


def phrase(translated: str, **values) -> str:
    """``{% blocktranslate with name=value %}``: the phrase (translated by the caller, with
    gettext or ngettext written out so makemessages finds it), each value escaped."""
    return translated % _values(values)


class _UrlWithId:
    """A URL whose last argument is a row's id, reversed once: ``url(42)`` (escaped for an
    attribute, as {% url %} gives it)."""

    def __init__(self, name: str, *args):
        head, _, tail = reverse(name, args=[*args, 0]).rpartition("/0/")
        self.head, self.tail = escape(head), escape("/" + tail)

    def __call__(self, pk) -> str:
        return f"{self.head}/{pk}{self.tail}"


# --- a section's list of rows (templates/applicants/rows/base.html) ----------------------

def _training_summary(row, page) -> str:
    about = (" · " + gettext("about providing reflective supervision/consultation")
             if row.about_rsc else "")
    return (f"<strong>{_e(row.title)}</strong>, {_e(row.sponsor)}<div class=\"small\">"
            f"{_e(page.day(row.date))} · {_e(page.hours(row.hours))}{about}</div>")


def _rsc_summary(row, page) -> str:
    from .templatetags.applicants_tags import rsc_format

    text = [f"<strong>{_e(page.day(row.date))}</strong>: ",
            phrase(gettext("%(hours)s, %(format)s, with %(provider)s"),
                   hours=page.hours(row.hours), format=page.memo(rsc_format, row.format),
                   provider=row.provider_name)]
    if row.provider_level:
        level = phrase(gettext("Level %(level)s"), level=row.provider_level)
        text.append(f" ({level})")
    if not row.counts:
        text.append('<div class="small text-danger-emphasis">' + (
            gettext("Administrative supervision: does not count as reflective "
                    "supervision/consultation.") if row.kind == "administrative" else
            gettext("Clinical case supervision only: does not count as reflective "
                    "supervision/consultation.")) + "</div>")
    if row.series:
        change = gettext("Change or remove the whole series")
        includes = phrase(gettext("that includes %(day)s"), day=page.day(row.date))
        text.append(
            f'<div class="small"><a href="{_e(page.series_url(row.series))}">'
            f'{change}<span class="visually-hidden"> {includes}</span></a></div>')
    return "".join(text)


def _work_summary(row, page) -> str:
    if row.end:
        period = phrase(gettext("%(start)s – %(end)s"), start=page.month(row.start),
                        end=page.month(row.end))
    else:
        period = phrase(gettext("%(start)s – now"), start=page.month(row.start))
    paid = gettext("paid") if row.paid else gettext("unpaid")
    internship = " · " + gettext("graduate internship") if row.internship else ""
    families = phrase(ngettext("%(n)s family", "%(n)s families", row.families_served),
                      n=row.families_served)
    return (f"<strong>{_e(row.role)}</strong>, {_e(row.employer)}<div class=\"small\">"
            f"{period} · {paid}{internship} · {families}</div>")


def _degree_summary(row, page) -> str:
    text = (f"<strong>{_e(row.name)}</strong>, {_e(row.institution)} "
            f"({_e(page.month(row.awarded))})\n")
    if row.transcript:
        name = _e(row.transcript_name) if row.transcript_name else gettext("download")
        label = gettext("Transcript:")
        return (f'{text}<div class="small">{label} '
                f'<a href="{page.document_url(row.pk)}">{name}</a></div>\n')
    missing = gettext("No transcript yet: edit this degree to upload it.")
    return f'{text}<div class="small text-danger">{missing}</div>'


def _leadership_summary(row, page) -> str:
    from .templatetags.applicants_tags import scope

    return (f"<strong>{_e(page.memo(scope, row.scope))}</strong>: "
            f"{_e(truncatewords(row.description, 30))}")


SUMMARIES = {"training": _training_summary, "rsc": _rsc_summary, "work": _work_summary,
             "degrees": _degree_summary, "leadership": _leadership_summary}


class _Page:
    """What every row of one page shares: its URLs, reversed once, and labels looked up once."""

    def __init__(self, slug: str, application):
        self.application = application
        self.edit_url = _UrlWithId(f"applicants:{slug}_edit", application.pk)
        self.delete_url = _UrlWithId(f"applicants:{slug}_delete", application.pk)
        self._memo: dict = {}
        self.language = _language()
        self._day_format, self._month_format = gettext("F j, Y"), gettext("F Y")

    def day(self, value) -> str:
        return _date(self.language, self._day_format, value)

    def month(self, value) -> str:
        return _date(self.language, self._month_format, value)

    def hours(self, value) -> str:
        return _hours(self.language, str(value))

    def memo(self, function, value):
        key = (function, value)
        if key not in self._memo:
            self._memo[key] = function(value)
        return self._memo[key]

    def series_url(self, series: str) -> str:
        return self.memo(lambda s: reverse("applicants:rsc_series_change",
                                           args=[self.application.pk, s]), series)

    def document_url(self, pk) -> str:
        if "document" not in self._memo:
            self._memo["document"] = _UrlWithId("applicants:document", self.application.pk)
        return self._memo["document"](pk)


def section_rows(slug: str, application, rows) -> SafeString:
    """The ``<li>`` of each row of a section's list, with its Edit and Remove links (or, for
    a row the program confirmed, who confirmed it)."""
    page = _Page(slug, application)
    summary = SUMMARIES[slug]
    edit, remove = gettext("Edit"), gettext("Remove")
    recorded = gettext("Recorded by the program: it cannot be changed here.")
    items = []
    for row in rows:
        if getattr(row, "confirmed", False):
            confirmed = phrase(gettext("Confirmed by %(partner)s"), partner=row.confirmed_by)
            actions = (
                '<div><span class="badge text-bg-success text-wrap text-start confirmed-badge">'
                f"{confirmed}</span>"
                f'<span class="d-block small text-body-secondary">{recorded}</span></div>')
        else:
            name, pk = _e(row), row.pk
            actions = (
                '<div class="text-nowrap">\n'
                f'        <a class="btn btn-sm btn-outline-primary" href="{page.edit_url(pk)}">'
                f'{edit}<span class="visually-hidden"> {name}</span></a>\n'
                f'        <a class="btn btn-sm btn-outline-danger" href="{page.delete_url(pk)}">'
                f'{remove}<span class="visually-hidden"> {name}</span></a>\n'
                "      </div>")
        items.append(
            '\n  <li class="list-group-item">\n'
            '    <div class="d-flex flex-wrap justify-content-between gap-2">\n'
            f'      <div class="row-summary">{summary(row, page)}</div>\n'
            f"      \n      {actions}\n      \n"
            "    </div>\n  </li>\n  ")
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


# --- the answers (templates/applicants/_answers.html), live or from a snapshot -----------

class _Answers:
    """Dates and hours of an answers list in the reader's language, the language and the
    formats looked up once. A snapshot keeps dates as text ("2026-03-01"): read as dates."""

    def __init__(self):
        from .templatetags.applicants_tags import day

        self.language, self.format, self.day_filter = _language(), gettext("F j, Y"), day

    def day(self, value) -> str:
        if type(value) is str and len(value) == 10:
            value = parse_date(value) or value
        if type(value) is dt.date:
            return _date(self.language, self.format, value)
        return self.day_filter(value)  # empty, a date and time, or text that is no date

    def hours(self, value):
        try:
            return _hours(self.language, str(value))
        except (InvalidOperation, ValueError):
            return value


def _none() -> SafeString:
    return mark_safe("<li>" + gettext("None") + "</li>")  # noqa: S308 - our own words


def training_items(training) -> SafeString:
    if not training:
        return _none()
    shown = _Answers()
    about = ", " + gettext("about providing RSC")
    items = []
    for t in training:
        confirmed = ""
        if t.get("confirmed_by"):
            confirmed = (' <span class="badge text-bg-success text-wrap text-start">'
                         + phrase(gettext("Confirmed by %(partner)s"),
                                  partner=t["confirmed_by"]) +
                         "</span>")
        items.append(
            f"<li>{_e(t.get('title', ''))} ({_e(t.get('sponsor', ''))}), "
            f"{_e(shown.day(t.get('date')))}: {_e(shown.hours(t.get('hours', '')))}"
            f"{about if t.get('about_rsc') else ''}{confirmed}</li>")
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


def work_items(work) -> SafeString:
    from .templatetags.applicants_tags import label

    if not work:
        return _none()
    shown = _Answers()
    items = []
    for w in work:
        if w.get("end"):
            period = phrase(gettext("%(start)s to %(end)s"), start=shown.day(w.get("start")),
                            end=shown.day(w["end"]))
        else:
            period = phrase(gettext("%(start)s to now"), start=shown.day(w.get("start")))
        text = [f"<li>{_e(w.get('role', ''))}, {_e(w.get('employer', ''))}: {period}, ",
                gettext("paid") if w.get("paid") else gettext("unpaid"),
                f"; {_e(label(w.get('kind')))}; ",
                phrase(ngettext("%(n)s family", "%(n)s families", w.get("families_served")),
                       n=w.get("families_served"))]
        if w.get("social_emotional_focus"):
            text.append("; " + gettext("social-emotional focus"))
        if w.get("relationship_focus"):
            text.append("; " + gettext("relationship focus"))
        if w.get("internship"):
            text.append("; " + (
                phrase(gettext("graduate internship (supervisor %(level)s)"),
                       level=w["internship_supervisor_level"])
                if w.get("internship_supervisor_level") else
                gettext("graduate internship (supervisor not endorsed)")))
        if w.get("hours_per_week"):
            text.append("; " + phrase(ngettext("%(n)s hour a week", "%(n)s hours a week",
                                               w["hours_per_week"]), n=w["hours_per_week"]))
        if w.get("part_time"):
            text.append(' <span class="badge text-bg-warning">'
                        + gettext("Part-time: for the coordinator to judge (A-05)") + "</span>")
        if w.get("duties"):
            duties = gettext("Duties:")
            text.append(f'<div class="small">{duties} {_e(w["duties"])}</div>')
        text.append("</li>")
        items.append("".join(text))
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


def rsc_items(rsc) -> SafeString:
    from .templatetags.applicants_tags import degree, rsc_format

    if not rsc:
        return _none()
    memo: dict = {}

    def once(function, value):
        if (function, value) not in memo:
            memo[function, value] = function(value)
        return memo[function, value]

    shown = _Answers()
    not_endorsed = gettext("not endorsed")
    items = []
    for r in rsc:
        level = (phrase(gettext("Level %(level)s"), level=r["provider_level"])
                 if r.get("provider_level") else not_endorsed)
        kind = r.get("kind")
        badge = ""
        if kind and kind != "rsc":
            badge = (' <span class="badge text-bg-light border">' + (
                gettext("administrative supervision: not counted") if kind == "administrative"
                else gettext("clinical case supervision only: not counted")) + "</span>")
        items.append(
            f"<li>{_e(shown.day(r.get('date')))}: {_e(shown.hours(r.get('hours', '')))}, "
            f"{_e(once(rsc_format, r.get('format')))}, {_e(r.get('provider_name', ''))} "
            f"({level}, {_e(once(degree, r.get('provider_degree')))}){badge}</li>")
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped
