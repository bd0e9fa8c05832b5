"""Sections that outer apps add to the application's read-only page (the exam result, ...).

An app registers ``fn(application, user) -> str`` (rendered HTML, or "" for nothing) in its
``AppConfig.ready()``; the page shows the panels in registration order. ``applicants`` never
imports the apps that register.
"""
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

_PANELS: list = []
# Panels for one place only (``slot``): e.g. "fee" on the Membership and fee step.
_SLOTS: dict[str, list] = {}


def register_panel(fn, slot: str = "") -> None:
    panels = _SLOTS.setdefault(slot, []) if slot else _PANELS
    if fn not in panels:
        panels.append(fn)


def render_panels(application, user, slot: str = "") -> SafeString:
    parts = [fn(application, user) for fn in (_SLOTS.get(slot, []) if slot else _PANELS)]
    return format_html_join("", "{}", ((mark_safe(p),) for p in parts if p))  # noqa: S308


# Rows the panels read, loaded for all of them at once on a page that shows many (the
# coordinator's application page): an app registers ``fn(application) -> {name: QuerySet}``;
# ``preload`` reads every registered queryset (and the page's own) in ONE query
# (endorsement.batch) and keeps the lists on the application for this request; a panel asks
# ``preloaded(application, name)`` and reads on its own when that gives None (other pages).
# The rows the case's parts read (applicants.case.register_case_part) are read along, as
# every page that reads the application's answers (its Dossier) evaluates the case.
_ROWS: list = []


def register_rows(fn) -> None:
    if fn not in _ROWS:
        _ROWS.append(fn)


def preload(application, querysets: dict | None = None, *, panel_rows: bool = True) -> dict:
    """``querysets``, the case parts' rows and (``panel_rows``) the panels' rows of
    ``application``, read in one query and kept on it for this request."""
    from endorsement import batch

    from .case import case_rows

    wanted = case_rows(application)
    for fn in _ROWS if panel_rows else ():
        wanted.update(fn(application))
    wanted.update(querysets or {})
    rows = batch.fetch(wanted)
    application.__dict__.setdefault("_panel_rows", {}).update(rows)
    return rows


def preloaded(application, name: str) -> list | None:
    return application.__dict__.get("_panel_rows", {}).get(name)
