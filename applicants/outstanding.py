"""What is still outstanding on a submitted application, live: the fee, the coordinator's
review, and what outer apps add (the references app registers its raters in its ready()).

An outer app registers ``provider(application) -> list[Item]``; this module imports none.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Status


@dataclass(frozen=True)
class Item:
    text: str
    done: bool = False
    needs_action: bool = False   # the applicant can (and should) do something
    url: str = ""                # where to do it
    link_text: str = ""


_PROVIDERS: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def outstanding(application) -> list[Item]:
    items: list[Item] = []
    for provider in _PROVIDERS:
        items.extend(provider(application))
    if application.fee_paid:
        items.append(Item(_("The fee has been received."), done=True))
    else:
        items.append(Item(_("The fee: the Endorsement® Coordinator records it when it "
                            "arrives.")))
    review = {
        Status.SUBMITTED: _("The Endorsement® Coordinator's review has not started yet."),
        Status.IN_REVIEW: _("The Endorsement® Coordinator is reviewing your application."),
    }.get(application.status)
    if review:
        items.append(Item(review))
    return items
