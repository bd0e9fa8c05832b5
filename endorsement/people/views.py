"""The coordinator's People page, invitations, the audit trail, and each person's own data."""
import csv
import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from endorsement import staleness
from endorsement.access import permission_required_404
from endorsement.audit import ACTION_LABELS
from endorsement.counting import CountedPaginator, rows_first_page
from endorsement.models import AuditEvent, Invitation, Role, RoleGrant, User

from . import personal_data, services
from .forms import AcceptForm, AuditFilterForm, EraseForm, GrantForm, InviteForm

PEOPLE_PER_PAGE = 50
AUDIT_PER_PAGE = 50


class PeopleRowText:
    """What every line of the People list shares, worked out once per page: the URL pattern,
    the words and the role labels in the reader's language."""

    def __init__(self):
        self.url = reverse("people:person", args=[0]).replace("/0/", "/{}/")
        self.roles = {value: escape(label) for value, label in Role.choices}
        self.erased, self.active, self.deactivated = (
            escape(_("Erased")), escape(_("Active")), escape(_("Deactivated")))


def people_row(person, text: PeopleRowText) -> str:
    """One line of the People list, built here rather than through the template language (50
    lines cost several times the rest of the page); the HTML the template gave, every value
    escaped (endorsement/tests/test_people_rows.py compares the two)."""
    badges = "".join(f'<span class="badge text-bg-secondary me-1">{text.roles[role]}</span>'
                     for role in person.held_roles)
    state = (text.erased if person.erased_at else
             text.active if person.is_active else text.deactivated)
    if person.has_role(Role.REVIEWER):
        open_, due = person.load.get("open") or 0, person.load.get("due") or 0
    else:
        open_ = due = "—"
    return mark_safe(  # noqa: S308 - every value is escaped
        f'\n    <tr>\n      <td><a href="{escape(text.url.format(person.pk))}">'
        f"{escape(person.display_name)}</a></td>\n      <td>{escape(person.email)}</td>\n"
        f"      <td>{badges}</td>\n      <td>{state}</td>\n      <td>{escape(open_)}</td>\n"
        f"      <td>{escape(due)}</td>\n    </tr>\n  ")


@permission_required_404("endorsement.manage_people")
def people(request):
    """Everyone with an account, by name, a page at a time with the total; search and role."""
    query = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    users = User.objects.only("email", "first_name", "last_name", "role", "roles", "is_active",
                              "erased_at").order_by("last_name", "first_name", "id")
    params = {}
    if query:
        # The last name first: PostgreSQL checks each row the indexes found against the
        # conditions in this order and stops at the first that holds, and a common word is
        # mostly a last name (5,000 "lopez": 10 ms of checking instead of 25).
        users = users.filter(Q(last_name__icontains=query) | Q(first_name__icontains=query)
                             | Q(email__icontains=query))
        # Sorted on expressions the name index does not cover: PostgreSQL finds the matches
        # on the trigram indexes and sorts them, instead of walking every account in name
        # order until 50 match (0.3 s for "lopez" at 100,000 accounts).
        users = users.order_by(Lower("last_name"), Lower("first_name"), "id")
        params["q"] = query
    if role in Role.values:
        from endorsement.models import with_role

        users = users.filter(with_role(role))
        params["role"] = role
    else:
        role = ""
    # The total counted once per change of the accounts (a common name's 5,000 matches are
    # otherwise gathered twice: to count them and for the page).
    page = CountedPaginator(users, PEOPLE_PER_PAGE, group="people").get_page(
        request.GET.get("page"))
    rows = list(page.object_list)
    loads = services.workload([u.pk for u in rows if u.has_role(Role.REVIEWER)])
    text = PeopleRowText()
    for user in rows:
        user.load = loads.get(user.pk, {})
        user.row_html = people_row(user, text)
    return render(request, "people/list.html", {
        "rows": rows, "page": page, "query": query, "role": role, "roles": Role.choices,
        "params": urlencode(params),
        "invitations": Invitation.objects.filter(
            accepted_at__isnull=True, expires_at__gt=timezone.now()).select_related(
            "invited_by").order_by("-created_at")[:20],
    })


@permission_required_404("endorsement.manage_people")
def invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(form.cleaned_data["email"], form.cleaned_data["role"],
                            actor=request.user)
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The invitation is on its way to %(email)s.") % {
                "email": form.cleaned_data["email"]})
            return redirect("people:list")
    return render(request, "people/invite.html", {"form": form})


def _person(pk):
    return get_object_or_404(User, pk=pk)


def _someone_else(request, pk):
    """A person whose roles or account the coordinator changes: never themselves (another
    coordinator does that; their own is refused like a stranger's)."""
    return get_object_or_404(User.objects.exclude(pk=request.user.pk), pk=pk)


@permission_required_404("endorsement.manage_people")
def person(request, pk, grant_form=None):
    user = _person(pk)
    grants = RoleGrant.objects.filter(user=user).select_related("granted_by", "removed_by")
    events = AuditEvent.objects.filter(
        Q(subject_type="endorsement.user", subject_id=user.pk) | Q(actor=user)
    ).select_related("actor").order_by("-created_at", "-id")[:20]
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)
    return render(request, "people/person.html", {
        "person": user, "grants": grants, "events": events, "labels": ACTION_LABELS,
        "grant_form": grant_form or GrantForm(), "version": staleness.version_of(user),
        "load": services.workload([user.pk]).get(user.pk, {}),
    }, status=400 if grant_form is not None else 200)


def _person_action(perform):
    @require_POST
    @permission_required_404("endorsement.manage_people")
    def view(request, pk):
        user = _someone_else(request, pk)
        changes = staleness.stale(user, request.POST)
        if changes:
            messages.error(request, staleness.describe(changes))
            return redirect("people:person", pk=pk)
        try:
            result = perform(request, user)
        except services.PeopleError as exc:
            messages.error(request, str(exc))
        else:
            if isinstance(result, HttpResponse):
                return result
            messages.success(request, result)
        return redirect("people:person", pk=pk)

    return view


def _grant(request, user):
    form = GrantForm(request.POST)
    if not form.is_valid():
        raise services.PeopleError(_("Choose a role to grant."))
    services.grant_role(user, form.cleaned_data["role"], actor=request.user)
    return _("%(role)s granted to %(name)s.") % {
        "role": Role(form.cleaned_data["role"]).label, "name": user.display_name}


def _remove(request, user):
    role = request.POST.get("role", "")
    if role not in Role.values:
        raise services.PeopleError(_("No such role."))
    services.remove_role(user, role, actor=request.user)
    return _("%(role)s removed from %(name)s.") % {"role": Role(role).label,
                                                   "name": user.display_name}


def _active(request, user):
    active = request.POST.get("active") == "1"
    services.set_active(user, active, actor=request.user)
    return (_("%(name)s can sign in again.") if active else
            _("%(name)s can no longer sign in; their history is kept.")) % {
        "name": user.display_name}


grant = _person_action(_grant)
remove = _person_action(_remove)
set_active = _person_action(_active)


@permission_required_404("endorsement.erase_person")
def erase(request, pk):
    user = _someone_else(request, pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = staleness.stale(user, request.POST)
        if changes:
            form.add_error(None, staleness.describe(changes))
        else:
            try:
                personal_data.erase_person(user, actor=request.user,
                                           reason=form.cleaned_data["reason"])
            except personal_data.ErasureError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The personal data is erased; the registry and the "
                                            "audit trail keep what they must."))
                return redirect("people:person", pk=pk)
    return render(request, "people/erase.html", {
        "person": user, "form": form, "version": staleness.version_of(user)},
        status=400 if form.errors else 200)


def accept(request, token):
    """An emailed invitation: clear page when used, expired or unknown; otherwise accept."""
    invitation, state = services.find_invitation(token)
    if state != "open":
        return render(request, "people/invitation_problem.html", {"state": state}, status=410
                      if state in ("used", "expired") else 404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    signed_in = request.user.is_authenticated
    claim = existing is None or not existing.has_usable_password()
    form = None
    if signed_in and request.user.email.lower() != invitation.email.lower():
        # Not 403 (nothing here is forbidden to them): the link is for someone else.
        return render(request, "people/invitation_problem.html", {"state": "other"},
                      status=409)
    if not signed_in and claim:
        form = AcceptForm(request.POST or None, initial={
            "first_name": existing.first_name if existing else "",
            "last_name": existing.last_name if existing else ""})
    if request.method == "POST" and (signed_in or (form is not None and form.is_valid())):
        try:
            if signed_in:
                user = services.accept(invitation, user=request.user)
            else:
                user = services.accept(invitation, first_name=form.cleaned_data["first_name"],
                                       last_name=form.cleaned_data["last_name"],
                                       password=form.cleaned_data["password1"])
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        except services.PeopleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Welcome: you are now a %(role)s.") % {
                "role": Role(invitation.role).label})
            return redirect("home")
    return render(request, "people/accept.html", {
        "invitation": invitation, "form": form, "signed_in": signed_in,
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
    }, status=400 if form is not None and form.errors else 200)


# What a person's own application is made of, by model label and the path to its applicant:
# a coordinator who applied never reads these events (who rated them and how, the flags, the
# reviewers' conflicts and recommendations, their examination), as they never open the pages.
# By label, so the core app imports none of the outer apps.
OWN_SUBJECTS = (("applicants.Application", "applicant_id"),
                ("references.ReferenceRequest", "application__applicant_id"),
                ("reviews.ReviewAssignment", "application__applicant_id"),
                ("exams.ExamEnrolment", "application__applicant_id"))


def _not_about_themselves(events, user):
    from django.apps import apps

    hidden = Q()
    for label, path in OWN_SUBJECTS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        hidden |= Q(subject_type=model._meta.label_lower,
                    subject_id__in=model.objects.filter(**{path: user.pk}).values("pk"))
    return events.exclude(hidden)


def _audit_events(request):
    form = AuditFilterForm(request.GET or None)
    events = _not_about_themselves(AuditEvent.objects.all(), request.user)
    params = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["person"]:
            p = data["person"].strip()
            events = events.filter(Q(actor__email__icontains=p) | Q(actor__last_name__icontains=p)
                                   | Q(actor__first_name__icontains=p)
                                   | Q(actor_label__icontains=p))
        if data["application"]:
            events = events.filter(subject_type="applicants.application",
                                   subject_id=data["application"])
        if data["kind"]:
            events = events.filter(action=data["kind"])
        tz = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(created_at__gte=datetime.datetime.combine(
                data["since"], datetime.time.min, tz))
        if data["until"]:
            events = events.filter(created_at__lt=datetime.datetime.combine(
                data["until"] + datetime.timedelta(days=1), datetime.time.min, tz))
        params = {k: v for k, v in request.GET.items() if k in form.fields and v}
    return form, events.order_by("-created_at", "-id"), params


@permission_required_404("endorsement.view_audit")
def audit(request):
    """Every recorded event, newest first, filtered; a page at a time with the total."""
    form, events, params = _audit_events(request)
    page = rows_first_page(events.select_related("actor"), request.GET.get("page"),
                           AUDIT_PER_PAGE, group="audit")
    kinds = sorted(ACTION_LABELS.items(), key=lambda kv: str(kv[1]))
    for event in page.object_list:
        event.label = ACTION_LABELS.get(event.action, event.action)
    return render(request, "people/audit.html", {
        "form": form, "page": page, "events": page.object_list, "labels": ACTION_LABELS,
        "kinds": kinds, "params": urlencode(params),
        "csv_url": reverse("people:audit_csv") + ("?" + urlencode(params) if params else ""),
    }, status=400 if form.errors else 200)


class _Echo:
    def write(self, value):
        return value


@permission_required_404("endorsement.view_audit")
def audit_csv(request):
    """The filtered events as CSV, streamed (any number of rows)."""
    form, events, _params = _audit_events(request)
    if form.errors:
        return HttpResponse(_("The filter is not valid."), status=400,
                            content_type="text/plain; charset=utf-8")
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(["when", "actor", "action", "subject_type", "subject_id",
                               "detail"])
        for event in events.select_related("actor").iterator(chunk_size=2000):
            actor = event.actor.email if event.actor else event.actor_label
            yield writer.writerow([event.created_at.isoformat(), _safe(actor), event.action,
                                   event.subject_type, event.subject_id,
                                   _safe(str(event.detail))])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    return response


def _safe(value: str) -> str:
    """No spreadsheet formulas from CSV cells."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def my_data(request):
    return render(request, "people/my_data.html", {})


@login_required
def my_data_zip(request):
    """Everything held about the signed-in person: a zip of JSON and CSV, and their uploads."""
    data = personal_data.export_zip(request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    return response
