"""The holder's page and certificate download (private), verification and the registry (public)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from endorsement.access import object_or_404
from endorsement.counting import CountedPaginator

from . import public, renewals, services
from .certificates import current_certificate
from .forms import RegistryChoiceForm, RegistrySearchForm, VerifyForm
from .models import Certificate, Endorsement, RegistryListing
from .names import holder_name


@login_required
def mine(request):
    """The signed-in person's Endorsements®, their certificates and their registry choice."""
    return _mine_page(request)


def _mine_page(request, registry_form=None, status=200):
    endorsements = (Endorsement.objects.filter(holder=request.user)
                    .prefetch_related(Prefetch(
                        "certificates",
                        queryset=Certificate.objects.exclude(file="")
                        .order_by("-rendered_at", "-id"),
                        to_attr="ready_certificates")))
    page = Paginator(endorsements, settings.REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    for endorsement in page.object_list:
        endorsement.state = public.state_of(endorsement)
        endorsement.certificate = (endorsement.ready_certificates[0]
                                   if endorsement.ready_certificates else None)
        endorsement.renewal_asks = (renewals.what_renewal_asks(endorsement)
                                    if endorsement.state == "valid" else [])
    listing = RegistryListing.objects.filter(holder=request.user).first()
    if registry_form is None:
        registry_form = RegistryChoiceForm(initial={
            "region": listing.region if listing else "",
            "display_name": listing.display_name if listing
            else holder_name(request.user, or_email=False)})
    return render(request, "credentials/mine.html", {
        "page": page, "listing": listing, "registry_form": registry_form,
    }, status=status)


@login_required
def certificate(request, pk):
    """The current certificate as a PDF attachment: the holder and coordinators only."""
    endorsement = object_or_404(request.user, "credentials.view_certificate",
                                Endorsement.objects.all(), pk=pk)
    cert = current_certificate(endorsement)
    if cert is None:
        raise Http404
    try:
        handle = cert.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, content_type="application/pdf",
                            filename=f"{endorsement.number}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def registry_choice(request):
    """Join the public registry (with a region) or leave it, at any time."""
    if request.POST.get("action") == "leave":
        if services.leave_registry(request.user):
            messages.success(request, _("You are no longer listed in the public registry."))
        return redirect("credentials:mine")
    if not Endorsement.objects.filter(holder=request.user).exists():
        raise Http404
    form = RegistryChoiceForm(request.POST)
    if form.is_valid():
        services.join_registry(request.user, region=form.cleaned_data["region"],
                               display_name=form.cleaned_data["display_name"])
        messages.success(request, _("You are listed in the public registry while your "
                                    "Endorsement® is current."))
        return redirect("credentials:mine")
    return _mine_page(request, registry_form=form, status=400)


def _verification(request, raw_number: str, form):
    if not public.allow_lookup(request):
        return render(request, "credentials/verify.html", {"form": form, "limited": True},
                      status=429)
    number = public.normalize_number(raw_number)
    result = public.verify(number) if number else None
    return render(request, "credentials/verify.html", {
        "form": form, "result": result, "searched": True,
    }, status=200 if result else 404)


def verify(request):
    """Anyone: type a number and learn whether it is a current Endorsement®."""
    if "number" not in request.GET:
        return render(request, "credentials/verify.html", {"form": VerifyForm()})
    form = VerifyForm(request.GET)
    return _verification(request, request.GET.get("number", "")[:60], form)


def verify_number(request, number):
    """Where a certificate's QR code points."""
    return _verification(request, number[:60], VerifyForm(initial={"number": number[:60]}))


def registry(request):
    """Anyone: the endorsed professionals who chose to be listed, searchable, paginated."""
    form = RegistrySearchForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    listings = public.registry(**filters)
    # The total is counted once per change (150 ms at 25,000 listings): endorsement/counting.py.
    page = CountedPaginator(listings, settings.REGISTRY_PAGE_SIZE, group="registry").get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "credentials/registry.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })
