"""Pages that belong to no one app: the public landing page, role homes, the outbox."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import i18n, mail
from .access import permission_required_404
from .counting import rows_first_page
from .models import OutboundEmail, Role, User

OUTBOX_PER_PAGE = 50
# Whose record an email is about -> the staff page that shows it (registered by outer apps).
ABOUT_PAGES: dict[str, str] = {}

ROLE_HOMES = {
    Role.APPLICANT: "applicants:home",
    Role.COORDINATOR: "reviews:queue",
    Role.REVIEWER: "reviews:assigned",
    Role.ADVISOR: "applicants:advised",
    Role.PARTNER: "trainings:manage",
}


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "landing.html")


@require_POST
def set_language(request):
    """The language switch on every page: Django's view (the cookie, then back to the page
    the person was on; an unknown code changes nothing), and a signed-in person's account
    keeps the choice for their next visit, on any browser, and for their emails."""
    response = django_set_language(request)
    code = i18n.supported(request.POST.get("language"))
    if code and request.user.is_authenticated:
        i18n.set_account_language(request.user, code)
    return response


@login_required
def home(request):
    """Send each person to the home page of their role."""
    return redirect(reverse(ROLE_HOMES.get(request.user.role, "applicants:home")))


CONFIDENTIAL_TEMPLATES = ("references_flagged",)


@permission_required_404("endorsement.view_outbox")
def outbox(request):
    """Every email, newest first, a page at a time with the total; by status or by record."""
    status = request.GET.get("status", "")
    emails = OutboundEmail.objects.only(
        "to", "subject", "template", "status", "attempts", "last_error", "created_at", "sent_at",
        "about_type", "about_id",
    )
    # A coordinator who applied does not read notices about raters' answers (their own
    # raters' flags among them); the other coordinators get those by email. (A subquery,
    # so the page stays at one query for the list.)
    applied = Exists(User.objects.filter(pk=request.user.pk, applications__isnull=False))
    emails = emails.exclude(Q(template__in=CONFIDENTIAL_TEMPLATES) & Q(applied))
    emails = emails.exclude(_about_own_application(request.user))
    params = {}
    if status in OutboundEmail.Status.values:
        emails = emails.filter(status=status)
        params["status"] = status
    about = request.GET.get("application", "")
    if about.isdigit() and len(about) < 12:
        emails = emails.filter(about_type="applicants.application", about_id=int(about))
        params["application"] = about
    else:
        about = ""
    page = rows_first_page(emails.order_by("-created_at", "-id"), request.GET.get("page"),
                           OUTBOX_PER_PAGE, group="outbox")
    from urllib.parse import urlencode

    email_url = reverse("outbox_email", args=[0]).replace("/0/", "/{}/")
    for email in page.object_list:
        email.row_html = _outbox_row(email, email_url)
    return render(request, "outbox.html", {
        "emails": page.object_list, "page": page, "status": status, "about": about,
        "params": urlencode(params), "statuses": OutboundEmail.Status.choices,
    })


def _outbox_row(email, email_url: str) -> str:
    """One row of the outbox, built with format_html (escaped): 50 rows through the template
    language cost several times the rest of the page."""
    from django.utils.formats import date_format
    from django.utils.html import format_html
    from django.utils.timezone import localtime

    about = (format_html('<a href="?application={}">{}</a>', email.about_id,
                         _("Application %(number)s") % {"number": email.about_id})
             if email.about_type == "applicants.application" else "—")
    return format_html(
        '<tr><td class="text-nowrap">{}</td><td>{}</td><td class="outbox-subject">'
        '<a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class="small">{}</td>'
        "</tr>\n",
        date_format(localtime(email.created_at), "SHORT_DATETIME_FORMAT"), email.to,
        email_url.format(email.pk), email.subject, about,
        email.get_status_display(), email.attempts, email.last_error)


def _about_url(email):
    name = ABOUT_PAGES.get(email.about_type)
    return reverse(name, args=[email.about_id]) if name and email.about_id else ""


def _about_own_application(user) -> Q:
    """Emails about the coordinator's own application sent to someone else (its reviewers,
    scorers, other coordinators): not theirs to read, as its pages are not (a subquery)."""
    return (Q(about_type="applicants.application", about_id__in=user.applications.values("pk"))
            & ~Q(to__iexact=user.email))


def _email_for(request, queryset, pk):
    email = get_object_or_404(queryset.exclude(_about_own_application(request.user)), pk=pk)
    if email.template in CONFIDENTIAL_TEMPLATES and request.user.applications.exists():
        raise Http404  # a coordinator who applied never reads notices about raters' answers
    return email


@permission_required_404("endorsement.view_outbox")
def outbox_email(request, pk):
    """One email as it was sent (the text and the HTML part), with a button to send it again."""
    email = _email_for(request, OutboundEmail.objects.select_related("resent_from"), pk)
    return render(request, "outbox_email.html", {
        "email": email, "about_url": _about_url(email),
        "resends": email.resends.order_by("-created_at")[:20],
        "redacted": mail.REDACTED_MARK in email.body_text,
    })


@require_POST
@permission_required_404("endorsement.view_outbox")
def outbox_resend(request, pk):
    email = _email_for(request, OutboundEmail.objects.all(), pk)  # nor sends them again
    copy = mail.resend(email, actor=request.user)
    messages.success(request, _("A copy is queued for %(to)s.") % {"to": email.to})
    return redirect("outbox_email", pk=copy.pk)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
