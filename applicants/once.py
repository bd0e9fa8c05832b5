"""A form is saved once, whatever the browser does (Back then Save, a double click, a re-post).

Each rendered form carries a fresh random token (``{% include "includes/form_token.html" %}``
with ``form_token`` in the context). The view saves inside :func:`saving_once`: the token is
claimed by inserting a unique :class:`SavedForm` row in the same transaction as the data, so
a second post of the same page finds the claim and saves nothing. A post without a token
(an old page, a script) is saved as before.
"""
from __future__ import annotations

import re
import secrets
from contextlib import contextmanager

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import SavedForm

FIELD = "form_token"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


class AlreadySaved(Exception):
    """This page was saved before; ``url`` is where that first save led."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


def posted_token(request) -> str:
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    if not TOKEN_RE.fullmatch(token):
        token = url_token(request) if request.method == "POST" else ""
    return token if TOKEN_RE.fullmatch(token) else ""


def url_token(request) -> str:
    token = request.GET.get("once", "")
    return token if TOKEN_RE.fullmatch(token) else ""


def token_in_url(request):
    """For an "add" page: a redirect to the same page with a fresh token in its address, or
    None when it has one. The browser's Back button returns to that very address, so a
    page re-loaded by Back still carries the token of the form that was saved."""
    from django.shortcuts import redirect

    if request.method != "GET" or url_token(request):
        return None
    query = request.GET.copy()
    query["once"] = secrets.token_urlsafe(16)
    return redirect(f"{request.path}?{query.urlencode()}")


def token_for(request) -> str:
    """The token to render in the form: the posted one (a failed form keeps it, since
    nothing was saved), or a fresh one."""
    return posted_token(request) or url_token(request) or secrets.token_urlsafe(16)


def _user(request):
    return request.user if request.user.is_authenticated else None


def saved_before(request) -> str | None:
    """Where the first save of this posted page led, if it was saved already."""
    token = posted_token(request)
    if not token:
        return None
    return SavedForm.objects.filter(token=token, user=_user(request)).values_list(
        "url", flat=True).first()


@contextmanager
def saving_once(request, url: str):
    """Run the save in one transaction with the token's claim; raises :class:`AlreadySaved`
    (and saves nothing) when this page was saved before, even by a request running now."""
    token = posted_token(request)
    try:
        with transaction.atomic():
            if token:
                SavedForm.objects.create(token=token, user=_user(request), url=url)
            yield
    except IntegrityError:
        if token and SavedForm.objects.filter(token=token).exists():
            raise AlreadySaved(saved_before(request) or url) from None
        raise


def already_saved_response(request, url: str):
    from django.shortcuts import redirect

    messages.info(request, _("This page had already been saved, so nothing was added twice."))
    return redirect(url)


def purge(days: int = 30) -> int:
    """Forget tokens of pages saved more than ``days`` ago (a month-old page re-posted is
    saved as new; anything sooner is still caught)."""
    from datetime import timedelta

    from django.utils import timezone

    deleted, _counts = SavedForm.objects.filter(
        saved_at__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
