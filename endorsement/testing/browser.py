"""Helpers for the Playwright browser tests: accessibility checks and signing in."""
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from .clients import sign_in_client

BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def assert_accessible(page, context: str = "") -> None:
    """Run axe-core on the current page; fail on any serious or critical violation."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        lines = []
        for violation in blocking:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(
                f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"
            )
        where = context or page.url
        raise AssertionError(f"Accessibility violations on {where}:\n" + "\n".join(lines))


def sign_in(page, live_server, user) -> None:
    """Give the browser a signed-in session for ``user`` (the sign-in form has its own test)."""
    client = sign_in_client(Client(), user)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME, "value": session_cookie.value,
        "url": live_server.url,
    }])
