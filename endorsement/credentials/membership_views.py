"""The coordinator records or corrects a person's membership (it belongs to the person; their
open applications and renewals read it)."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from endorsement.access import permission_required_404
from endorsement.models import User

from . import services
from .forms import MembershipForm
from .models import Membership


@permission_required_404("credentials.manage_endorsements")
def membership(request, person_id):
    # Never their own membership: a coordinator who applied is refused like a stranger.
    person = get_object_or_404(User.objects.exclude(pk=request.user.pk), pk=person_id)
    current = Membership.objects.filter(person=person).first()
    version = services.membership_version(current)
    form = MembershipForm(request.POST or None, initial={
        "number": current.number if current else "",
        "association": current.association if current else "",
        "valid_through": current.valid_through if current else None, "version": version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_membership(person, number=data["number"],
                                       association=data["association"],
                                       valid_through=data["valid_through"],
                                       actor=request.user, seen=data["version"])
        except services.MembershipStale:
            form.add_error(None, _("Someone changed this membership since you opened the "
                                   "page, so nothing was saved. It now reads: %(now)s, paid "
                                   "through %(through)s. Check, then save again.") % {
                "now": current or "—", "through": current.valid_through if current else "—"})
        else:
            messages.success(request, _("The membership is saved."))
            return redirect("credentials:membership", person_id=person.pk)
    return render(request, "credentials/membership.html", {
        "person": person, "form": form, "membership": current})
