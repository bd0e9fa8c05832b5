"""The coordinator's reference pages: every request and rating of an application, vetting,
verifying a rater's Endorsement®, resending or extending a link. Others get 404."""
from datetime import timedelta

from django.contrib import messages
from django.db.models import Max, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from applicants.models import Application, Category
from endorsement import formstate, staleness
from endorsement.access import permission_required_404
from endorsement.counting import count, rows_first_page
from endorsement.i18n import long_date
from endorsement.models import AuditEvent

from . import services
from .apps import ATTENTION
from .forms import SetAsideForm, VerifyForm, VettingForm
from .models import RaterRole, ReferenceRequest, RequestStatus, Score

PERM = "references.manage_references"
SCORE_LABELS = dict(Score.choices)


def _rows(ref, areas):
    rating = getattr(ref, "rating", None)
    if rating is None or not rating.is_final:
        return None
    return [(_(area.name), SCORE_LABELS.get(rating.scores.get(area.key), "—")) for area in areas]


@permission_required_404(PERM)
def application(request, application_id):
    app = get_object_or_404(
        Application.objects.select_related("applicant").prefetch_related(Prefetch(
            "reference_requests",
            queryset=ReferenceRequest.objects.select_related("rating", "replaces")
            .prefetch_related("vettings__recorded_by"))),
        pk=application_id)
    _not_own(request, app)
    areas = services.areas_for(app)
    requests = list(app.reference_requests.all())
    # Each rater's version (newest audit event), so a stale form is refused: one query.
    versions = dict(AuditEvent.objects.filter(
        subject_type=ReferenceRequest._meta.label_lower,
        subject_id__in=[r.pk for r in requests]).order_by().values("subject_id")
        .annotate(v=Max("id")).values_list("subject_id", "v"))
    return render(request, "references/coordinator_application.html", {
        "application": app,
        "entries": [{"ref": r, "rating": getattr(r, "rating", None), "rows": _rows(r, areas),
                     "version": versions.get(r.pk, 0),
                     "verify": formstate.take(request, f"verify-{r.pk}") or {},
                     "set_aside": formstate.take(request, f"set-aside-{r.pk}") or {}}
                    for r in requests],
        "status": services.section_status(app),
        "verify_form": VerifyForm(),
        "revivable": services.TRANSITIONS["resend"],
    })


def _ref(request, request_id):
    ref = get_object_or_404(ReferenceRequest.objects.select_related("application"),
                            pk=request_id)
    _not_own(request, ref.application)
    return ref


def _not_own(request, application):
    """A coordinator does not vet or verify the raters of their own application."""
    if application.applicant_id == request.user.pk:
        raise Http404


def _back(ref):
    return redirect("references:coordinator_application", application_id=ref.application_id)


@permission_required_404(PERM)
@require_POST
def resend(request, request_id):
    ref = _ref(request, request_id)
    try:
        services.resend_link(ref, request.user, version=_posted_version(request))
        messages.success(request, _("A new link was emailed to %(name)s; the old one no "
                                    "longer works.") % {"name": ref.rater_name})
    except services.ChangedSince as changed:
        messages.error(request, staleness.describe(changed.changes))
    except services.RequestStateError:
        messages.error(request, _("This request is finished; its link cannot be sent again."))
    return _back(ref)


@permission_required_404(PERM)
@require_POST
def extend(request, request_id):
    ref = _ref(request, request_id)
    try:
        ref = services.extend_link(ref, request.user, version=_posted_version(request))
        messages.success(request, _("The link to %(name)s now works until %(date)s.") % {
            "name": ref.rater_name, "date": long_date(ref.token_expires_at)})
    except services.ChangedSince as changed:
        messages.error(request, staleness.describe(changed.changes))
    except services.RequestStateError:
        messages.error(request, _("This request is finished; its link cannot be extended."))
    return _back(ref)


def _posted_version(request) -> int | None:
    """The rater's version the page showed (None for a post from no page of ours)."""
    raw = request.POST.get(staleness.FIELD)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return -1


def _refuse_if_stale(request, ref, form_key: str) -> bool:
    """A submit from a page older than the rater's last change is refused, kept (nothing
    typed is lost) and explained; True when refused."""
    changes = staleness.stale(ref, request.POST)
    if not changes:
        return False
    formstate.keep(request, form_key)
    messages.error(request, staleness.describe(changes))
    return True


@permission_required_404(PERM)
@require_POST
def verify(request, request_id):
    ref = _ref(request, request_id)
    key = f"verify-{ref.pk}"
    if _refuse_if_stale(request, ref, key):
        return _back(ref)
    form = VerifyForm(request.POST)
    version = _posted_version(request)
    try:
        if request.POST.get("verified") == "no":
            services.verify_endorsement(ref, request.user, verified=False,
                                        source=request.POST.get("source", "")[:200],
                                        version=version)
            messages.success(request, _("%(name)s's Endorsement® is marked as not verified.")
                             % {"name": ref.rater_name})
        elif form.is_valid():
            services.verify_endorsement(ref, request.user, level=form.cleaned_data["level"],
                                        number=form.cleaned_data["number"],
                                        source=form.cleaned_data["source"], version=version)
            messages.success(request, _("%(name)s's Endorsement® is marked as verified.")
                             % {"name": ref.rater_name})
        else:
            formstate.keep(request, key)
            messages.error(request, _("Not saved: %(errors)s") % {"errors": " ".join(
                str(e) for errors in form.errors.values() for e in errors)})
    except services.ChangedSince as changed:  # changed while this post waited for the lock
        formstate.keep(request, key)
        messages.error(request, staleness.describe(changed.changes))
    return _back(ref)


@permission_required_404(PERM)
@require_POST
def set_aside(request, request_id):
    """A flagged rating stops counting; the applicant is asked for another rater."""
    ref = _ref(request, request_id)
    key = f"set-aside-{ref.pk}"
    if _refuse_if_stale(request, ref, key):
        return _back(ref)
    form = SetAsideForm(request.POST)
    if form.is_valid():
        try:
            services.set_aside(ref, request.user, reason=form.cleaned_data["reason"],
                               version=_posted_version(request))
            messages.success(request, _("The rating of %(name)s no longer counts; the applicant "
                                        "is asked by email for another rater.")
                             % {"name": ref.rater_name})
        except services.ChangedSince as changed:
            formstate.keep(request, key)
            messages.error(request, staleness.describe(changed.changes))
        except services.RequestStateError as exc:
            messages.error(request, str(exc))
    else:
        formstate.keep(request, key)
    return _back(ref)


@permission_required_404(PERM)
@require_http_methods(["GET", "POST"])
def vet(request, request_id):
    """Record a vetting call. A form with errors, or from an out-of-date page, comes back on
    a GET (POST-redirect-GET) with what was typed."""
    ref = _ref(request, request_id)
    if request.method == "POST":
        if _refuse_if_stale(request, ref, "vet"):
            return redirect("references:vet", request_id=ref.pk)
        form = VettingForm(request.POST)
        if form.is_valid():
            try:
                services.vet_rater(ref, request.user, **form.cleaned_data,
                                   version=_posted_version(request))
            except services.ChangedSince as changed:
                messages.error(request, staleness.describe(changed.changes))
            except services.VettingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The call with %(name)s is recorded.")
                                 % {"name": ref.rater_name})
                return _back(ref)
        formstate.keep(request, "vet")
        return redirect("references:vet", request_id=ref.pk)
    return render(request, "references/vet.html", {
        "ref": ref, "form": formstate.bind(request, "vet", VettingForm),
        "version": staleness.version_of(ref)})


# Applications the coordinator is working on: drafts are the applicant's to manage, and
# decided or withdrawn applications need nothing more from their raters.
ACTIVE_APPLICATION_STATUSES = ["submitted", "in_review", "returned", "approved_for_exam",
                               "exam", "awaiting_decision", "deferred"]
OVERVIEW_PER_PAGE = 50


def attention_groups(now=None, *, viewer=None) -> dict:
    """Each kind of request that needs the coordinator: key -> (title, queryset, count key).

    ``viewer``: a coordinator who applied never sees their own application's raters here.
    The count key names the queryset for its cached total (the kind, the viewer, the hour:
    everything the queryset depends on) without compiling it."""
    # To the hour: the same query (and its cached total) for an hour.
    now = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    base = ReferenceRequest.objects.filter(
        application__status__in=ACTIVE_APPLICATION_STATUSES)
    if viewer is not None:
        base = base.exclude(application__applicant=viewer)
    groups = {
        "flagged": (_("Ratings flagged for too many “not enough information” answers"),
                    base.filter(rating__flagged=True, status=RequestStatus.SUBMITTED)),
        "declined": (_("Declined, expired or set aside, not yet replaced"),
                     base.filter(status__in=services.NEEDS_ACTION)),
        "verify": (_("Raters' Endorsement® to verify"),
                   base.filter(endorsement_verified=False).exclude(rater_endorsement="")
                   .exclude(status__in=[RequestStatus.REPLACED, RequestStatus.SET_ASIDE])),
        "expiring": (_("Links expiring within 7 days"),
                     base.filter(status__in=services.PENDING,
                                 token_expires_at__lte=now + timedelta(days=7))),
    }
    viewer_id = viewer.pk if viewer is not None else ""
    return {key: (title, queryset, f"attention:{key}:{viewer_id}:{now.isoformat()}")
            for key, (title, queryset) in groups.items()}


class _OverviewText:
    """What every line of the overview shares, worked out once per page: the URL pattern,
    the phrases, the labels of categories, roles and statuses (a model's get_FOO_display()
    translates every label of its choices on each call: three calls a line were a third of
    the page) and the dates shown."""

    def __init__(self):
        from django.utils.translation import get_language

        self.url = reverse("references:coordinator_application", args=[0]).replace(
            "/0/", "/{}/")
        self.categories = {value: str(label) for value, label in Category.choices}
        self.roles = {value: str(label).lower() for value, label in RaterRole.choices}
        self.statuses = {value: str(label) for value, label in RequestStatus.choices}
        self.level = _("Level %(level)s")
        self.until = _("link until %(date)s")
        self.date_format = "M j" if get_language() == "en" else "MONTH_DAY_FORMAT"
        self._days: dict = {}

    def day(self, moment) -> str:
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        local = localtime(moment).date()
        if local not in self._days:
            self._days[local] = date_format(local, self.date_format)
        return self._days[local]


def _overview_row(ref, text: _OverviewText) -> str:
    """One line of the overview, built with format_html (escaped) rather than the template
    language, which costs several times the rest of the page for 50 lines."""
    from django.utils.html import format_html

    app = ref.application
    level = (" · " + text.level % {"level": ref.rater_endorsement}
             if ref.rater_endorsement else "")
    return format_html(
        '<li class="list-group-item d-flex flex-wrap justify-content-between gap-2"><span>'
        '<a href="{}">{}</a> · {} ({})</span><span>{} ({}) · {}{} · {}</span></li>\n',
        text.url.format(ref.application_id), app.applicant.display_name,
        text.categories.get(app.category, app.category), app.program, ref.rater_name,
        text.roles.get(ref.role, ref.role.lower()), text.statuses.get(ref.status, ref.status),
        level, text.until % {"date": text.day(ref.token_expires_at)})


# What a line of the overview shows (the rest, the application's snapshot first, is not read).
OVERVIEW_FIELDS = ("application_id", "rater_name", "role", "status", "rater_endorsement",
                   "token_expires_at", "application__category", "application__program",
                   "application__applicant__first_name", "application__applicant__last_name",
                   "application__applicant__email")


@permission_required_404(PERM)
def overview(request):
    """Requests that need the coordinator, so none stalls unnoticed: one kind at a time,
    a page at a time, each kind with its count."""
    groups = attention_groups(viewer=request.user)
    current = request.GET.get("show", "flagged")
    if current not in groups:
        current = "flagged"
    title, requests, count_key = groups[current]
    page = rows_first_page(
        requests.select_related("application__applicant").only(*OVERVIEW_FIELDS)
        .order_by("application_id", "id"),
        request.GET.get("page"), OVERVIEW_PER_PAGE, group=ATTENTION, count_key=count_key)
    text = _OverviewText()
    for ref in page.object_list:
        ref.row_html = _overview_row(ref, text)
    return render(request, "references/coordinator_overview.html", {
        "tabs": [{"key": key, "title": t, "count": count(qs, ATTENTION, count_key)}
                 for key, (t, qs, count_key) in groups.items()],
        "current": current, "title": title, "page": page, "params": f"show={current}",
    })
