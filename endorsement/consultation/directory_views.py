"""The RSC provider directory: search (anyone signed in), a provider's own listing, sending a
request, and each person's requests (sent and received) with contacts once accepted."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from endorsement.access import object_or_404, permission_required_404

from . import directory
from .forms import ListingForm, ProviderRequestForm, SearchForm
from .models import ProviderListing, ProviderRequest
from .services import Refused

PER_PAGE = 20


@permission_required_404("consultation.use_directory")
def search(request):
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(directory.search(**filters), PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "consultation/directory.html", {
        "form": form, "page": page, "params": params.urlencode(),
        "own": ProviderListing.objects.filter(provider=request.user).exists()})


@permission_required_404("consultation.use_directory")
def send_request(request, pk):
    listing = directory.shown_listings().filter(pk=pk).first()
    if listing is None or listing.provider_id == request.user.pk:
        from django.http import Http404

        raise Http404
    form = ProviderRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            directory.send_request(listing.pk, applicant=request.user, **form.cleaned_data)
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Your request was sent to %(name)s. You will see their "
                                        "contact here once they accept.")
                             % {"name": listing.provider.display_name})
            return redirect("consultation:provider_requests")
    return render(request, "consultation/send_request.html", {"listing": listing, "form": form},
                  status=400 if form.errors else 200)


@permission_required_404("consultation.list_self")
def my_listing(request):
    listing = ProviderListing.objects.filter(provider=request.user).first()
    form = ListingForm(request.POST or None, instance=listing,
                       initial=None if listing else {"contact_email": request.user.email})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            directory.save_listing(request.user, listing=listing, data=data)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Your directory entry was saved."))
            return redirect("consultation:my_listing")
    return render(request, "consultation/my_listing.html", {"form": form, "listing": listing},
                  status=400 if form.errors else 200)


@permission_required_404("consultation.use_directory")
def provider_requests(request):
    """What the person sent (with the provider's contact once accepted) and, for a provider,
    what they received (with the applicant's contact once they accept)."""
    rows = (ProviderRequest.objects.filter(Q(applicant=request.user)
                                           | Q(listing__provider=request.user))
            .select_related("listing__provider", "applicant"))
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "consultation/provider_requests.html", {"page": page})


@permission_required_404("consultation.use_directory")
@require_POST
def answer(request, pk):
    sent = object_or_404(request.user, "consultation.answer_request",
                         ProviderRequest.objects.select_related("listing"), pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        directory.answer_request(sent.pk, provider=request.user, accept=accept)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Accepted: you now see each other's contact.") if accept
                         else _("Declined. The person was told."))
    return redirect("consultation:provider_requests")
