"""The directory of RSC providers: opt in, search, send a request, answer it.

A listing shows only while its provider qualifies today (``qualify.current_q``): the day after
their Endorsement®'s valid-through date they drop out by themselves. Nobody sees a provider's
email or phone until the provider accepts that person's request; then both see each other's.
"""
from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from endorsement import audit
from endorsement.mail import queue_mail

from .models import ProviderListing, ProviderRequest
from .qualify import qualified_exists, qualifying_endorsement
from .services import Refused


def shown_listings(day=None):
    """Listings people may find today, with the provider in the same query."""
    return (ProviderListing.objects.filter(qualified_exists("provider_id", day), listed=True,
                                           provider__is_active=True)
            .select_related("provider").order_by("provider__last_name",
                                                 "provider__first_name", "pk"))


def search(*, region="", language="", format="", kind="", fee="", openings=False, day=None):
    qs = shown_listings(day)
    if region:
        qs = qs.filter(regions__contains=f",{region},")
    if language:
        qs = qs.filter(languages__icontains=language.strip())
    if format == "online":
        qs = qs.filter(online=True)
    elif format == "in_person":
        qs = qs.filter(in_person=True)
    if kind == "individual":
        qs = qs.filter(offers_individual=True)
    elif kind == "group":
        qs = qs.filter(offers_group=True)
    if fee:
        qs = qs.filter(fee=fee)
    if openings:
        qs = qs.filter(openings__gt=0)
    return qs


@transaction.atomic
def save_listing(provider, *, listing: ProviderListing | None, data: dict) -> ProviderListing:
    if qualifying_endorsement(provider) is None:
        raise Refused(_("Only people with a current Endorsement® that qualifies them to provide "
                        "reflective supervision/consultation can be listed."))
    regions = data.pop("regions", [])
    listing = listing or ProviderListing(provider=provider)
    for name, value in data.items():
        setattr(listing, name, value)
    listing.regions = "," + ",".join(regions) + ","
    listing.save()
    audit.record("consultation.listing_saved", listing, actor=provider, listed=listing.listed,
                 openings=listing.openings)
    return listing


def _url(name, **kwargs) -> str:
    return reverse(name, kwargs=kwargs or None)


@transaction.atomic
def send_request(listing_id, *, applicant, message: str, wants: str) -> ProviderRequest:
    listing = shown_listings().filter(pk=listing_id).first()
    if listing is None:
        raise Refused(_("This provider is no longer in the directory."))
    if listing.provider_id == applicant.pk:
        raise Refused(_("This is your own listing."))
    if ProviderRequest.objects.filter(listing=listing, applicant=applicant,
                                      status=ProviderRequest.Status.SENT).exists():
        raise Refused(_("You already sent this provider a request; wait for their answer."))
    sent = ProviderRequest.objects.create(listing=listing, applicant=applicant,
                                          message=message.strip(), wants=wants)
    audit.record("consultation.provider_request_sent", sent, actor=applicant,
                 listing_id=listing.pk)
    queue_mail("consultation_provider_request", listing.provider.email, {
        "provider_name": listing.provider.display_name,
        "applicant_name": applicant.display_name, "message": sent.message,
        "wants": wants, "url_path": _url("consultation:provider_requests")})
    return sent


@transaction.atomic
def answer_request(request_id, *, provider, accept: bool) -> ProviderRequest:
    sent = (ProviderRequest.objects.select_for_update().select_related("listing", "applicant")
            .get(pk=request_id))
    if sent.listing.provider_id != provider.pk:
        raise Refused(_("This request was sent to someone else."))
    if sent.status != ProviderRequest.Status.SENT:
        raise Refused(_("You already answered this request."))
    sent.status = ProviderRequest.Status.ACCEPTED if accept else ProviderRequest.Status.DECLINED
    sent.answered_at = timezone.now()
    sent.save(update_fields=["status", "answered_at"])
    audit.record("consultation.provider_request_answered", sent, actor=provider,
                 status=sent.status)
    queue_mail("consultation_provider_answer", sent.applicant.email, {
        "applicant_name": sent.applicant.display_name,
        "provider_name": provider.display_name, "accepted": accept,
        "url_path": _url("consultation:provider_requests")})
    return sent
