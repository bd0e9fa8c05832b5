"""Consultation groups: the list and a group's page (anyone signed in), asking for a seat,
the facilitator's roll (one POST for the whole group), and the coordinator's pages."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from endorsement import staleness
from endorsement.access import object_or_404, permission_required_404

from . import services
from .forms import GroupForm, SeatRequestForm, SessionForm
from .models import ConsultationGroup, GroupMember, GroupSession, SeatRequest

MANAGE = "consultation.manage_groups"
PER_PAGE = 25


def _groups_page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _with_counts(queryset):
    return (queryset.select_related("facilitator")
            .annotate(seats_taken=Count("members", distinct=True),
                      waiting=Count("requests", filter=Q(requests__status="pending"),
                                    distinct=True))
            .order_by("name", "id"))


@permission_required_404("consultation.view_groups")
def group_list(request):
    page = _groups_page(request, _with_counts(ConsultationGroup.objects.all()))
    mine = set(GroupMember.objects.filter(person=request.user).values_list("group_id",
                                                                            flat=True))
    return render(request, "consultation/groups.html", {"page": page, "mine": mine})


@permission_required_404("consultation.view_groups")
def group_detail(request, pk, form=None):
    group = get_object_or_404(ConsultationGroup.objects.select_related("facilitator"), pk=pk)
    sessions = list(group.sessions.all())
    is_member = GroupMember.objects.filter(group=group, person=request.user).exists()
    waiting = SeatRequest.objects.filter(group=group, person=request.user,
                                         status=SeatRequest.Status.PENDING).exists()
    runs_roll = request.user.pk == group.facilitator_id or request.user.has_perm(MANAGE)
    return render(request, "consultation/group.html", {
        "group": group, "sessions": sessions, "is_member": is_member, "waiting": waiting,
        "runs_roll": runs_roll, "now": timezone.now(),
        "form": form or SeatRequestForm(),
        "seats_taken": group.members.count()}, status=400 if form else 200)


@permission_required_404("consultation.view_groups")
@require_POST
def apply(request, pk):
    group = get_object_or_404(ConsultationGroup, pk=pk)
    form = SeatRequestForm(request.POST)
    if not form.is_valid():
        return group_detail(request, pk, form=form)
    try:
        services.request_seat(group, person=request.user,
                              other_access=form.cleaned_data["other_access"] == "yes",
                              note=form.cleaned_data["note"])
    except services.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your request was sent. The coordinator places people, "
                                    "those with no other access first; this page shows when "
                                    "you have a seat."))
    return redirect("consultation:group", pk=group.pk)


@login_required
def roll(request, pk):
    session = object_or_404(request.user, "consultation.take_roll",
                            GroupSession.objects.select_related("group__facilitator"), pk=pk)
    if request.method == "POST":
        try:
            result = services.take_roll(session.pk, actor=request.user,
                                        present_ids=_ids(request.POST.getlist("present")))
        except services.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _(
                "Roll saved: %(present)s present, %(absent)s absent. %(credited)s RSC logs "
                "credited now.") % result)
            return redirect("consultation:roll", pk=session.pk)
    return render(request, "consultation/roll.html", {
        "session": session, "group": session.group, "roll": services.roll_of(session),
        "started": session.starts_at <= timezone.now()})


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit() and len(str(v)) < 12]


# --- the coordinator ------------------------------------------------------------------------

@permission_required_404(MANAGE)
def manage(request):
    page = _groups_page(request, _with_counts(ConsultationGroup.objects.all()))
    return render(request, "consultation/manage.html", {"page": page})


@permission_required_404(MANAGE)
def create(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(actor=request.user, **form.cleaned_data)
        except services.Refused as refused:
            form.add_error("facilitator", str(refused))
        else:
            messages.success(request, _("The group was created. Add its sessions."))
            return redirect("consultation:coordinate", pk=group.pk)
    return render(request, "consultation/create.html", {"form": form},
                  status=400 if form.errors else 200)


@permission_required_404(MANAGE)
def edit(request, pk):
    """Change the group: seats, facilitator, place, language, format, description."""
    group = get_object_or_404(ConsultationGroup.objects.select_related("facilitator"), pk=pk)
    version = staleness.version_of(group)
    form = GroupForm(request.POST or None, instance=group)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.change_group(
                group.pk, actor=request.user, seen=staleness.seen_version(request.POST),
                **{name: form.cleaned_data[name] for name in GroupForm.Meta.fields})
        except services.Stale as stale:
            messages.error(request, str(stale))   # what was typed stays; the page is current
            status = 409
        except services.Refused as refused:
            form.add_error(refused.field, str(refused))
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": form.cleaned_data["name"]})
            return redirect("consultation:coordinate", pk=group.pk)
    return render(request, "consultation/edit.html", {
        "form": form, "group": ConsultationGroup.objects.get(pk=pk), "version": version},
        status=400 if form.errors else status)


@permission_required_404(MANAGE)
def coordinate(request, pk, session_form=None):
    group = get_object_or_404(ConsultationGroup.objects.select_related("facilitator"), pk=pk)
    requests = list(group.requests.filter(status=SeatRequest.Status.PENDING)
                    .select_related("person"))  # no other access first (Meta.ordering)
    members = list(group.members.select_related("person"))
    return render(request, "consultation/coordinate.html", {
        "group": group, "requests": requests, "members": members,
        "sessions": list(group.sessions.all()), "full": len(members) >= group.capacity,
        "session_form": session_form or SessionForm(),
        "version": staleness.version_of(group)}, status=400 if session_form else 200)


def _refuse_stale(request, group) -> bool:
    changes = staleness.stale(group, request.POST)
    if changes:
        messages.error(request, staleness.describe(changes))
        return True
    return False


def _seat_action(request, pk, action):
    seat = get_object_or_404(SeatRequest.objects.select_related("group"), pk=pk)
    if not _refuse_stale(request, seat.group):
        try:
            action(seat.pk, actor=request.user)
        except services.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Done: %(name)s.") % {"name": seat.person.display_name})
    return redirect("consultation:coordinate", pk=seat.group_id)


@permission_required_404(MANAGE)
@require_POST
def place(request, pk):
    return _seat_action(request, pk, services.place)


@permission_required_404(MANAGE)
@require_POST
def decline(request, pk):
    return _seat_action(request, pk, services.decline)


@permission_required_404(MANAGE)
@require_POST
def remove_member(request, pk):
    member = get_object_or_404(GroupMember.objects.select_related("group", "person"), pk=pk)
    if not _refuse_stale(request, member.group):
        services.remove_member(member.pk, actor=request.user)
        messages.success(request, _("%(name)s no longer has a seat. The sessions they "
                                    "attended stay in their log.")
                         % {"name": member.person.display_name})
    return redirect("consultation:coordinate", pk=member.group_id)


@permission_required_404(MANAGE)
@require_POST
def add_session(request, pk):
    group = get_object_or_404(ConsultationGroup, pk=pk)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return coordinate(request, pk, session_form=form)
    if not _refuse_stale(request, group):
        services.add_session(group, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The session was added."))
    return redirect("consultation:coordinate", pk=group.pk)
