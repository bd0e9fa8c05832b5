"""The public calendar (browse without an account), signing up, the partner's pages (publish,
change, the sign-ups, the roll on a phone), the coordinator's partner organisations, the
iCalendar files and the certificate of attendance."""
import calendar as cal
import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.models import TrainingEntry
from endorsement import staleness
from endorsement.access import object_or_404, permission_required_404
from endorsement.models import Role

from . import ics, services
from .forms import FilterForm, PartnerForm, TrainingForm, WalkInForm, area_choices
from .models import Signup, Training, TrainingPartner

MANAGE = "trainings.manage_trainings"
CHANGE = "trainings.change_training"
PARTNERS = "trainings.manage_partners"


def _month_bounds(first: dt.date):
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(dt.datetime.combine(following, dt.time.min))
    return start, end, following


def _filtered(request, form: FilterForm):
    """The trainings the filters ask for (upcoming ones by default) and the filters in use."""
    trainings = services.with_counts(Training.objects.select_related("partner"))
    params = {}
    if form.is_valid():
        for name in ("region", "language", "format"):
            if value := form.cleaned_data[name]:
                trainings = trainings.filter(**{name: value})
                params[name] = value
        if month := form.cleaned_data["month"]:
            start, end, _following = _month_bounds(month)
            params["month"] = month.strftime("%Y-%m")
            return trainings.filter(starts_at__gte=start, starts_at__lt=end), params
    return trainings.filter(ends_at__gte=timezone.now()), params


def _areas():
    return dict(area_choices())


def calendar_list(request):
    """Every upcoming training (or a month's), filtered, a page at a time with the total."""
    form = FilterForm(request.GET or None)
    trainings, params = _filtered(request, form)
    page = Paginator(trainings.order_by("starts_at", "id"),
                     settings.TRAININGS_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(request, "trainings/list.html", {
        "form": form, "page": page, "params": urlencode(params), "areas": _areas(),
        "month_url": reverse("trainings:month", args=[today.year, today.month]),
        "can_manage": request.user.has_perm(MANAGE),
        "feed_url": reverse("trainings:feed") + (f"?{urlencode(params)}" if params else ""),
    })


def month(request, year, month):
    """The month as a calendar grid (a list of days on a phone), filters kept."""
    try:
        first = dt.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    form = FilterForm(request.GET or None)
    params = {}
    trainings = services.with_counts(Training.objects.select_related("partner"))
    if form.is_valid():
        for name in ("region", "language", "format"):
            if value := form.cleaned_data[name]:
                trainings = trainings.filter(**{name: value})
                params[name] = value
    start, end, following = _month_bounds(first)
    by_day: dict[dt.date, list] = {}
    for training in trainings.filter(starts_at__gte=start, starts_at__lt=end):
        by_day.setdefault(training.local_date, []).append(training)
    weeks = [[(first.replace(day=d) if d else None) for d in week]
             for week in cal.Calendar(firstweekday=6).monthdayscalendar(year, month)]
    weeks = [[(day, by_day.get(day, [])) for day in week] for week in weeks]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    query = f"?{urlencode(params)}" if params else ""
    return render(request, "trainings/month.html", {
        "form": form, "first": first, "weeks": weeks, "days": sorted(by_day.items()),
        "previous_url": reverse("trainings:month", args=[previous.year, previous.month]) + query,
        "next_url": reverse("trainings:month", args=[following.year, following.month]) + query,
        # A week that starts on a Sunday, for the weekday names.
        "weekdays": [dt.date(2026, 11, 29) + dt.timedelta(days=i) for i in range(7)],
        "today": timezone.localdate(), "count": sum(len(v) for v in by_day.values()),
    })


def _signup_of(request, training):
    if not request.user.is_authenticated:
        return None
    return Signup.objects.filter(training=training, user=request.user).first()


def detail(request, pk):
    training = get_object_or_404(
        services.with_counts(Training.objects.select_related("partner")), pk=pk)
    signup = _signup_of(request, training)
    position = None
    if signup is not None and signup.status == Signup.Status.WAITING:
        position = training.signups.filter(
            status=Signup.Status.WAITING, queued_at__lte=signup.queued_at).count()
    return render(request, "trainings/detail.html", {
        "training": training, "signup": signup, "position": position,
        "areas": _areas(), "when": services.when_in_words(training),
        "can_change": request.user.has_perm(CHANGE, training),
        "full": training.booked >= training.capacity,
    })


def training_ics(request, pk):
    training = get_object_or_404(Training.objects.select_related("partner"), pk=pk)
    response = HttpResponse(ics.calendar_for([training], request),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-{training.pk}.ics"'
    return response


def feed(request):
    """The calendar as an iCalendar feed (the filters of the list apply)."""
    form = FilterForm(request.GET or None)
    trainings, _params = _filtered(request, form)
    response = HttpResponse(ics.calendar_for(trainings.order_by("starts_at", "id")[:500],
                                             request),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="trainings.ics"'
    return response


@require_POST
@permission_required_404("trainings.sign_up")
def signup(request, pk):
    training = get_object_or_404(Training, pk=pk)
    try:
        result = services.sign_up(training.pk, request.user)
    except services.TrainingError as exc:
        messages.error(request, str(exc))
    else:
        if result.status == Signup.Status.WAITING:
            messages.info(request, _("The training is full: you are on the waiting list. We "
                                     "will email you if a seat frees."))
        else:
            messages.success(request, _("You are signed up. We sent you the details."))
    return redirect("trainings:detail", pk=pk)


@require_POST
@permission_required_404("trainings.sign_up")
def cancel(request, pk):
    training = get_object_or_404(Training, pk=pk)
    try:
        services.cancel(training.pk, request.user)
    except services.TrainingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect("trainings:detail", pk=pk)


@login_required
def mine(request):
    """The person's sign-ups, the trainings they attended and their certificates."""
    signups = (Signup.objects.filter(user=request.user).exclude(status=Signup.Status.CANCELLED)
               .select_related("training__partner").order_by("-training__starts_at", "-id"))
    page = Paginator(signups, settings.TRAININGS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "trainings/mine.html", {"page": page, "now": timezone.now()})


@login_required
def certificate(request, pk):
    signup = object_or_404(request.user, "trainings.view_certificate",
                           Signup.objects.select_related("training__partner", "user")
                           .filter(user_id=request.user.pk), training_id=pk)
    from .certificates import render_pdf

    response = HttpResponse(render_pdf(signup), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attendance-{pk}.pdf"'
    return response


# --- partners and coordinators -------------------------------------------------------------

@permission_required_404(MANAGE)
def manage(request):
    trainings = services.with_counts(services.manageable_by(request.user)
                                     .select_related("partner")).order_by("-starts_at", "-id")
    page = Paginator(trainings, settings.TRAININGS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "trainings/manage.html", {
        "page": page, "now": timezone.now(),
        "partners": list(services.partners_for(request.user)[:20]),
        "is_coordinator": request.user.has_role(Role.COORDINATOR)})


def _form_data(form):
    return {k: form.cleaned_data[k] for k in services.EDITABLE_FIELDS}


@permission_required_404(MANAGE)
def add(request):
    partners = list(services.partners_for(request.user))
    if not partners:
        messages.info(request, _("You are not attached to a training partner organisation yet. "
                                 "Ask the Endorsement Coordinator."))
        return redirect("trainings:manage")
    form = TrainingForm(request.POST or None, partners=services.partners_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            training = services.publish(_form_data(form), actor=request.user)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The training is on the calendar."))
            return redirect("trainings:roster", pk=training.pk)
    return render(request, "trainings/form.html", {"form": form, "training": None},
                  status=400 if request.method == "POST" else 200)


def _managed(request, pk):
    return object_or_404(request.user, CHANGE, Training.objects.select_related("partner"),
                         pk=pk)


@permission_required_404(MANAGE)
def edit(request, pk):
    training = _managed(request, pk)
    form = TrainingForm(request.POST or None, instance=training,
                        partners=services.partners_for(request.user))
    if request.method == "POST":
        training.refresh_from_db()
        if changes := staleness.stale(training, request.POST):
            form.is_valid()
            form.add_error(None, staleness.describe(changes))
        elif form.is_valid():
            try:
                _training, told = services.update_training(training.pk, _form_data(form),
                                                           actor=request.user)
            except services.TrainingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The training was saved.") + (
                    " " + _("Everyone signed up was emailed what changed.") if told else ""))
                return redirect("trainings:roster", pk=training.pk)
    return render(request, "trainings/form.html", {
        "form": form, "training": training, "version": staleness.version_of(training),
        "booked": training.signups.filter(status=Signup.Status.BOOKED).count(),
    }, status=400 if request.method == "POST" else 200)


@permission_required_404(MANAGE)
def roster(request, pk):
    training = _managed(request, pk)
    signups = list(training.signups.exclude(status=Signup.Status.CANCELLED)
                   .select_related("user").order_by("status", "queued_at", "id"))
    booked = [s for s in signups if s.status == Signup.Status.BOOKED]
    waiting = [s for s in signups if s.status == Signup.Status.WAITING]
    return render(request, "trainings/roster.html", {
        "training": training, "booked": booked, "waiting": waiting,
        "when": services.when_in_words(training), "areas": _areas(),
        "over": max(0, len(booked) - training.capacity)})


@require_POST
@permission_required_404(MANAGE)
def remove(request, pk, signup_id):
    training = _managed(request, pk)
    signup = get_object_or_404(training.signups.exclude(status=Signup.Status.CANCELLED),
                               pk=signup_id)
    services.remove_attendee(signup.pk, actor=request.user)
    messages.success(request, _("%(name)s was removed from the training.")
                     % {"name": signup.user.display_name})
    return redirect("trainings:roster", pk=pk)


@permission_required_404(MANAGE)
def roll(request, pk):
    """The roll on a phone: one checkbox a person, one POST, one transaction."""
    training = _managed(request, pk)
    if not training.has_started:
        messages.info(request, _("The roll opens when the training starts."))
        return redirect("trainings:roster", pk=pk)
    if request.method == "POST":
        try:
            present = [x for x in request.POST.getlist("present") if x.isdigit() and len(x) < 12]
            result = services.take_roll(training.pk, present, actor=request.user)
        except services.TrainingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _(
                "Roll saved: %(present)s present, %(absent)s absent. Each present "
                "attendee's evidence log shows the training, confirmed.") % result)
            return redirect("trainings:roster", pk=pk)
    return render(request, "trainings/roll.html", {
        "training": training, "roll": list(services.roll_of(training)),
        "when": services.when_in_words(training), "walk_in_form": WalkInForm()})


@permission_required_404(MANAGE)
@require_POST
def walk_in(request, pk):
    """Add someone who came without signing up (by their account's email) as present."""
    training = _managed(request, pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            signup = services.add_walk_in(training.pk, form.cleaned_data["email"],
                                          actor=request.user)
        except services.TrainingError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("%(name)s is on the roll as present, and the training "
                                        "is in their evidence log.")
                             % {"name": signup.user.display_name})
            return redirect("trainings:roll", pk=pk)
    return render(request, "trainings/roll.html", {
        "training": training, "roll": list(services.roll_of(training)),
        "when": services.when_in_words(training), "walk_in_form": form}, status=400)


@permission_required_404(PARTNERS)
def partners(request):
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.add_partner(form.cleaned_data["name"], actor=request.user,
                                           email=form.cleaned_data["email"])
        except services.TrainingError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": partner.name})
            return redirect("trainings:partners")
    rows = TrainingPartner.objects.prefetch_related("members").order_by("name")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "trainings/partners.html", {"form": form, "page": page},
                  status=400 if request.method == "POST" else 200)


@require_POST
@permission_required_404(PARTNERS)
def partner_remove(request, pk, user_id):
    partner = get_object_or_404(TrainingPartner, pk=pk)
    user = get_object_or_404(partner.members.all(), pk=user_id)
    services.remove_member(partner, user, actor=request.user)
    messages.success(request, _("%(person)s no longer runs trainings for %(name)s.")
                     % {"person": user.display_name, "name": partner.name})
    return redirect("trainings:partners")


# --- the application page's panel ----------------------------------------------------------

def confirmed_panel(application, user) -> str:
    """Training rows the program confirmed (a partner's roll), on the application's page,
    for the applicant and the coordinator."""
    is_owner = user.is_authenticated and application.applicant_id == user.pk
    if not (is_owner or (user.is_authenticated and user.has_role(Role.COORDINATOR))):
        return ""
    loaded = application.__dict__.get("_dossier")  # the page read the log already
    if loaded is not None:  # the log's order is ("date", "id") too
        rows = [row for row in loaded.training if row.confirmed_at is not None]
    else:
        rows = list(TrainingEntry.objects.for_application(application)
                    .filter(confirmed_at__isnull=False).order_by("date", "id"))
    if not rows:
        return ""
    return render_to_string("trainings/_confirmed_panel.html", {"rows": rows})

