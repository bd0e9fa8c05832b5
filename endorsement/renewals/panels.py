"""Outer apps add a section to the renewal pages (registered in their AppConfig.ready(), so
renewals imports none of them): ``f(renewal, request) -> str`` (a SafeString, as
render_to_string returns, or "" to show nothing). Slots: "holder" (the holder's renewal page)
and "staff" (the coordinator's page)."""
from collections.abc import Callable

PANELS: dict[str, list[Callable]] = {"holder": [], "staff": []}


def register_panel(panel: Callable, slot: str) -> None:
    if panel not in PANELS[slot]:
        PANELS[slot].append(panel)


def render_panels(slot: str, renewal, request) -> list[str]:
    return [html for panel in PANELS[slot] if (html := panel(renewal, request))]
