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
