"""The queue page's repeated HTML, built in Python: the tabs, the filter form's options, the
column headers and the rows (and the reviewers to choose from).

Through the template language these loops cost more than the rest of the page together
(measured on 100,000 applications: docs/scale.md). Built here, every label is translated and
escaped once per language and process (:func:`_text`), each date once per language
(:func:`_short_date`), and every value a person typed goes through html.escape, as the
template language would. reviews/tests/test_queue_html.py holds the templates these replaced
and checks the page is the HTML they gave, in English and Spanish.
"""
from __future__ import annotations

import functools
from html import escape as _html_escape
from urllib.parse import urlencode

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import trans_real

from applicants.models import Category, Program, Region, Status
from endorsement import counting

from . import queues


def escape(value) -> str:
    return _html_escape(str(value))


class _Text:
    """Every label and phrase of the page in the active language, escaped."""

    def __init__(self):
        from django.urls import reverse
        from django.utils.translation import gettext

        self.url = reverse("reviews:application", args=[0]).replace("/0/", "/{}/")
        self.paid = f'<span class="badge text-bg-success">{escape(gettext("Paid"))}</span>'
        self.unpaid = (f'<span class="badge text-bg-warning">'
                       f'{escape(gettext("Not recorded"))}</span>')
        self.select = gettext("Select %(name)s")
        self.ratings = gettext("%(n)s of 3")
        self.queues = {key: escape(label) for key, label, _statuses in queues.QUEUES}
        self.programs = {value: escape(value) for value in Program.values}
        self.categories = {value: escape(label) for value, label in Category.choices}
        self.statuses = {value: escape(label) for value, label in Status.choices}
        self.regions = {value: escape(label) for value, label in Region.choices}
        self.fees = {value: escape(label) for value, label in queues.FEE_CHOICES}
        self.waiting = {value: escape(label) for value, label in queues.WAITING_ON}
        self.columns = [("number", escape(gettext("No."))), ("name", escape(gettext("Applicant"))),
                        ("category", escape(gettext("Category"))),
                        ("submitted", escape(gettext("Submitted")))]


def _language() -> tuple:
    """What the page's words depend on: the active language (its formats) and the catalog
    gettext reads now, itself (so a catalog replaced while running, as the pseudo-translation
    tests do, is never served words kept from the one before)."""
    return translation.get_language(), trans_real.catalog()


@functools.lru_cache(maxsize=8)
def _text(language: tuple) -> _Text:
    return _Text()  # called in that language: the key is the active one


@functools.lru_cache(maxsize=4096)
def _short_date(language: tuple, day) -> str:
    """A date, short (SHORT_DATE_FORMAT has no time in it), escaped."""
    from django.utils.formats import date_format

    return escape(date_format(day, "SHORT_DATE_FORMAT"))


def _current() -> _Text:
    return _text(_language())


def tabs(counts: list[dict], current: str) -> SafeString:
    """The tab of each queue with how many applications are in it."""
    text = _current()
    items = []
    for queue in counts:
        key = queue["key"]
        active, aria = (" active", ' aria-current="page"') if key == current else ("", "")
        items.append(
            f'<li class="nav-item"><a class="nav-link{active}" href="?queue={escape(key)}"{aria}>'
            f'{text.queues[key]} <span class="badge text-bg-light">{queue["count"]}</span></a>'
            "</li>")
    return mark_safe("\n".join(items))  # noqa: S308 - labels escaped in _Text, keys ours


def _options(labels: dict, selected: str) -> SafeString:
    return mark_safe("".join(  # noqa: S308 - values are ours, labels escaped in _Text
        f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
        f"{label}</option>" for value, label in labels.items()))


def filter_options(query: queues.QueueQuery) -> dict[str, SafeString]:
    """The options of each select of the filter form, the chosen one selected."""
    text = _current()
    return {"queue_options": _options(text.queues, query.queue),
            "program_options": _options(text.programs, query.program),
            "category_options": _options(text.categories, query.category),
            "region_options": _options(text.regions, query.region),
            "fee_options": _options(text.fees, query.fee),
            "waiting_options": _options(text.waiting, query.waiting)}


def column_headers(query: queues.QueueQuery) -> SafeString:
    """The sortable column headers: a click sorts by the column, a second click reverses."""
    cells = []
    for key, label in _current().columns:
        if query.sort == key:
            state, next_sort, arrow = "ascending", f"-{key}", " ▲"
        elif query.sort == f"-{key}":
            state, next_sort, arrow = "descending", key, " ▼"
        else:
            state, next_sort, arrow = "none", key, ""
        url = "?" + urlencode(query.params(sort=next_sort))
        cells.append(f'<th scope="col" aria-sort="{state}"><a href="{escape(url)}">'
                     f"{label}{arrow}</a></th>")
    return mark_safe("".join(cells))  # noqa: S308 - the URL escaped, labels in _Text


def rows(applications: list) -> SafeString:
    """The table rows of the page (:class:`reviews.queues.Row`, with the days waiting
    :func:`reviews.queues.decorate` added)."""
    language = _language()
    text = _text(language)
    html = []
    for row in applications:
        raw_name = row.name
        name, pk = escape(raw_name), row.pk
        submitted = _short_date(language, row.submitted_on) if row.submitted_on else "—"
        ratings = escape(text.ratings % {"n": row.ratings_in})
        html.append(
            f'<tr><td><input class="form-check-input" type="checkbox" name="applications" '
            f'value="{pk}" id="pick-{pk}" aria-label="{escape(text.select % {"name": raw_name})}">'
            f'</td><td>{pk}</td><td><a href="{text.url.format(pk)}">{name}</a><br>'
            f'<span class="small text-body-secondary">{escape(row.email)}</span></td>'
            f'<td>{text.categories.get(row.category) or escape(row.category)}<br>'
            f'<span class="small">{escape(row.program)}</span></td><td>{submitted}</td>'
            f"<td>{text.statuses.get(row.status) or escape(row.status)}</td>"
            f"<td>{row.days_waiting}</td><td>{ratings}</td>"
            f"<td>{text.paid if row.fee_paid else text.unpaid}</td><td>{row.reviewer_count}</td>"
            "</tr>\n")
    return mark_safe("".join(html))  # noqa: S308 - every value escaped above or in _Text


def reviewer_options() -> SafeString:
    """The ``<option>`` of each active reviewer (name and email), for the bulk assignment:
    read once and kept until a person or an application changes (the group "applications",
    bumped by every save of a User)."""
    from .services import reviewers

    people = counting.cached("applications", "queue_reviewers", lambda: [
        (user.pk, user.display_name, user.email) for user in reviewers()])
    return mark_safe("".join(  # noqa: S308 - every value escaped
        f'<option value="{pk}">{escape(name)} ({escape(email)})</option>'
        for pk, name, email in people))
