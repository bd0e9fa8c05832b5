"""Pages that belong to no one app: the public landing page, role homes, the outbox."""
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, Q
from django.shortcuts import redirect, render
from django.urls import reverse

from .access import permission_required_404
from .models import OutboundEmail, Role, User

ROLE_HOMES = {
    Role.APPLICANT: "applicants:home",
    Role.COORDINATOR: "reviews:queue",
    Role.REVIEWER: "reviews:assigned",
    Role.ADVISOR: "applicants:advised",
}


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "landing.html")


@login_required
def home(request):
    """Send each person to the home page of their role."""
    return redirect(reverse(ROLE_HOMES.get(request.user.role, "applicants:home")))


CONFIDENTIAL_TEMPLATES = ("references_flagged",)


@permission_required_404("endorsement.view_outbox")
def outbox(request):
    status = request.GET.get("status", "")
    emails = OutboundEmail.objects.only(
        "to", "subject", "template", "status", "attempts", "last_error", "created_at", "sent_at"
    )
    # A coordinator who applied does not read notices about raters' answers (their own
    # raters' flags among them); the other coordinators get those by email. (A subquery,
    # so the page stays at one query for the list.)
    applied = Exists(User.objects.filter(pk=request.user.pk, applications__isnull=False))
    emails = emails.exclude(Q(template__in=CONFIDENTIAL_TEMPLATES) & Q(applied))
    if status in OutboundEmail.Status.values:
        emails = emails.filter(status=status)
    return render(request, "outbox.html", {
        "emails": emails[:200], "status": status, "statuses": OutboundEmail.Status.choices,
    })


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
