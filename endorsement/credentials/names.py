"""The holder's name as certificates, verification and the registry print it.

The core knows only the account's first and last name; an outer app that knows better (the
applicant's profile, "your full name as you will sign the agreements") registers a source in its
AppConfig.ready(), and calls ``services.holder_renamed(user)`` when that name changes, so
certificates are made again.
"""
from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import lazy
from django.utils.translation import pgettext, pgettext_lazy

_sources: list[Callable] = []


def register_name_source(fn: Callable) -> None:
    """``fn(user) -> str | None``: the person's full name, or None when it does not know."""
    if fn not in _sources:
        _sources.append(fn)


def holder_name(user, *, or_email: bool = True) -> str:
    """The best full name known; failing that the email address (private uses) or ""
    (public pages, which must never show an address)."""
    for source in _sources:
        name = (source(user) or "").strip()
        if name:
            return name
    return user.get_full_name().strip() or (user.email if or_email else "")


# --- The credential's name -----------------------------------------------------------------
# Printed as the association publishes it, in every language: "Infant Family Specialist (IFS),
# IMH-E®". A reader in another language gets a rendering of the English title beside it
# ("... IMH-E® (Especialista en familia e infancia)"); in English the rendering is the title
# itself and nothing is added.
RENDERINGS = {
    "Infant Family Associate":
        pgettext_lazy("credential title",
                      "Infant Family Associate"),
    "Infant Family Specialist":
        pgettext_lazy("credential title",
                      "Infant Family Specialist"),
    "Infant Mental Health Specialist":
        pgettext_lazy("credential title",
                      "Infant Mental Health Specialist"),
    "Infant Mental Health Mentor – Clinical":
        pgettext_lazy("credential title",
                      "Infant Mental Health Mentor – Clinical"),
    "Infant Mental Health Mentor – Policy":
        pgettext_lazy("credential title",
                      "Infant Mental Health Mentor – Policy"),
    "Infant Mental Health Mentor – Research/Faculty":
        pgettext_lazy("credential title",
                      "Infant Mental Health Mentor – Research/Faculty"),
    "Early Childhood Family Associate":
        pgettext_lazy("credential title",
                      "Early Childhood Family Associate"),
    "Early Childhood Family Specialist":
        pgettext_lazy("credential title",
                      "Early Childhood Family Specialist"),
    "Early Childhood Mental Health Specialist":
        pgettext_lazy("credential title",
                      "Early Childhood Mental Health Specialist"),
    "Early Childhood Mental Health Mentor – Clinical":
        pgettext_lazy("credential title",
                      "Early Childhood Mental Health Mentor – Clinical"),
    "Early Childhood Mental Health Mentor – Policy":
        pgettext_lazy("credential title",
                      "Early Childhood Mental Health Mentor – Policy"),
    "Early Childhood Mental Health Mentor – Research/Faculty":
        pgettext_lazy("credential title",
                      "Early Childhood Mental Health Mentor – Research/Faculty"),
}


def title_with_rendering(title: str) -> str:
    """A credential's English title, with its rendering beside it in another language:
    "Infant Family Specialist (Especialista en familia e infancia)". A title with no rendering
    (another edition's names) is printed as is."""
    rendering = str(RENDERINGS.get(title, title))
    if rendering == title:
        return title
    return pgettext("credential title", "%(title)s (%(rendering)s)") % {
        "title": title, "rendering": rendering}


def credential_name(program: str, category: str) -> str:
    """The credential in full with its code, in the active language: "Infant Family
    Specialist (IFS), IMH-E®", with a rendering of the title beside it in Spanish."""
    from endorsement.guidelines.vocabulary import CATEGORIES

    cat = CATEGORIES[category]
    title = cat.name_for(program)
    published = f"{title} ({cat.code_for(program)}), {program}®"
    rendering = str(RENDERINGS.get(title, title))
    if rendering == title:
        return published
    return pgettext("credential name", "%(published)s (%(rendering)s)") % {
        "published": published, "rendering": rendering}


# For what is rendered later in another language (an email's context): the name in the
# language active when it is printed.
credential_name_lazy = lazy(credential_name, str)
