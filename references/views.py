"""The applicant's References section and the rater's link pages (no account needed).

A rater's link is checked on every request; after "Start" the request id is kept in the
session, so the later pages carry no token in their address.
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from applicants import once
from applicants.models import Application
from endorsement.i18n import normalize, supported

from . import services, tokens
from .forms import CorrectRaterForm, DeclineForm, RaterForm, RatingForm, initial_from
from .models import RaterRole, ReferenceRating, ReferenceRequest
from .notices import WHO_READS

SESSION_KEY = "reference_rater_ids"
PROBLEM_STATUS = {tokens.MALFORMED: 404, tokens.UNKNOWN: 404}


# ---------------------------------------------------------------- the applicant

def _own_application(request, application_id, perm="references.view_section"):
    application = get_object_or_404(
        Application.objects.select_related("applicant").prefetch_related("reference_requests"),
        pk=application_id)
    if not request.user.has_perm(perm, application):
        raise Http404
    return application


@login_required
@require_http_methods(["GET", "POST"])
def section(request, application_id):
    application = _own_application(request, application_id)
    active = services.active_requests(application)
    may_ask = request.user.has_perm("references.ask", application)
    open_slots = len(active) < services.MAX_ACTIVE
    roles = services.allowed_roles(application)
    form = RaterForm(applicant=request.user, roles=roles)
    here = reverse("references:section", args=[application.pk])
    if request.method == "POST":
        if not (may_ask and open_slots):
            if once.saved_before(request):  # a re-post of the form that took the last place
                return once.already_saved_response(request, here)
            raise Http404
        form = RaterForm(request.POST, applicant=request.user, roles=roles)
        if url := once.saved_before(request):
            return once.already_saved_response(request, url)
        if form.is_valid():
            try:
                with once.saving_once(request, here):
                    ref = services.request_reference(application, request.user,
                                                     **form.rater_data())
            except once.AlreadySaved as saved:
                return once.already_saved_response(request, saved.url)
            except services.RaterNotAllowed as exc:
                form.add_error(exc.field, str(exc))
            else:
                messages.success(request, _("We emailed %(name)s a personal link to rate you.")
                                 % {"name": ref.rater_name})
                return redirect(here)
    unused = services.unused_ratings(application)
    return render(request, "references/section.html", {
        "application": application, "form": form,
        "requests": [_rater_row(ref, unused, may_ask) for ref in active],
        "may_ask": may_ask, "open_slots": open_slots,
        "status": services.section_status(application),
        "slots": _slot_rows(application),
        "needs_endorsed": services.needs_endorsed_rater(application),
        "form_token": once.token_for(request),
    })


def _rater_row(ref, unused: dict, may_ask: bool) -> dict:
    """One rater with what the applicant can do about them now."""
    pending = ref.status in services.PENDING
    return {
        "ref": ref, "unused": unused.get(ref.pk, ""),
        "may_correct": may_ask and ref.status in services.TRANSITIONS["correct"],
        "may_replace": may_ask and (pending or ref.status in services.NEEDS_ACTION
                                    or ref.pk in unused),
    }


def _slot_rows(application):
    filling = services.slot_filling(application)
    return [{"slot": s, "filled": r is not None, "roles": _role_words(s)}
            for s, r in zip(filling.slots, filling.raters, strict=True)]


def _role_words(slot) -> str:
    if slot.roles is None:
        return ""
    return "; ".join(str(label) for value, label in RaterRole.choices if value in slot.roles)


@login_required
@require_http_methods(["GET", "POST"])
def replace(request, application_id, request_id):
    application = _own_application(request, application_id, "references.ask")
    here = reverse("references:section", args=[application.pk])
    if url := once.saved_before(request):
        return once.already_saved_response(request, url)
    old = get_object_or_404(ReferenceRequest.objects.select_related("application"),
                            pk=request_id, application=application)
    if not services.replaceable(old):
        raise Http404
    form = RaterForm(request.POST or None, applicant=request.user,
                     roles=services.allowed_roles(application))
    if request.method == "POST" and form.is_valid():
        try:
            with once.saving_once(request, here):
                ref = services.replace(old, request.user, **form.rater_data())
        except once.AlreadySaved as saved:
            return once.already_saved_response(request, saved.url)
        except services.RaterNotAllowed as exc:
            form.add_error(exc.field, str(exc))
        except services.RequestStateError:
            raise Http404 from None
        else:
            messages.success(request, _("We emailed %(name)s a personal link to rate you.")
                             % {"name": ref.rater_name})
            return redirect(here)
    unused = services.unused_ratings(application).get(old.pk, "")
    return render(request, "references/replace.html", {
        "application": application, "old": old, "form": form, "unused": unused,
        "pending": old.status in services.PENDING, "form_token": once.token_for(request)})


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, application_id, request_id):
    """Fix the name or address of a rater who has not answered yet."""
    application = _own_application(request, application_id, "references.ask")
    here = reverse("references:section", args=[application.pk])
    if url := once.saved_before(request):
        return once.already_saved_response(request, url)
    old = get_object_or_404(ReferenceRequest, pk=request_id, application=application,
                            status__in=services.TRANSITIONS["correct"])
    form = CorrectRaterForm(request.POST or None, applicant=request.user, initial={
        "rater_name": old.rater_name, "rater_email": old.rater_email})
    if request.method == "POST" and form.is_valid():
        try:
            with once.saving_once(request, here):
                ref = services.correct_rater(old, request.user, **form.cleaned_data)
        except once.AlreadySaved as saved:
            return once.already_saved_response(request, saved.url)
        except services.RaterNotAllowed as exc:
            form.add_error(exc.field, str(exc))
        except services.RequestStateError:
            raise Http404 from None
        else:
            messages.success(request, _(
                "We emailed %(name)s a new link at %(email)s. The link sent before no longer "
                "works.") % {"name": ref.rater_name, "email": ref.rater_email})
            return redirect(here)
    return render(request, "references/correct.html", {
        "application": application, "old": old, "form": form,
        "form_token": once.token_for(request)})


# ---------------------------------------------------------------- the rater

def _problem(request, outcome):
    return render(request, "references/link_problem.html", {"outcome": outcome},
                  status=PROBLEM_STATUS.get(outcome, 410))


@require_http_methods(["GET", "POST"])
def link(request, token):
    found = tokens.lookup(token)
    if not found.ok:
        return _problem(request, found.outcome)
    ref = found.request
    if request.method == "GET":
        _speak(request, ref)
        has_draft = ReferenceRating.objects.filter(request=ref).exists()
        return render(request, "references/link.html", {
            "ref": ref, "application": ref.application, "has_draft": has_draft,
            "who_reads": WHO_READS, **_switch(ref, token=token)})
    try:
        ref = services.open_link(ref)
    except services.RequestStateError:
        return _problem(request, tokens.outcome_for(ReferenceRequest.objects.get(pk=ref.pk)))
    # A new session key when the link grants access (no session fixation), bound to this
    # request and to the link's generation: a link the coordinator sends anew ends it.
    request.session.cycle_key()
    opened = {k: v for k, v in _opened(request).items() if k != str(ref.pk)}
    request.session[SESSION_KEY] = {**dict(list(opened.items())[-9:]),
                                    str(ref.pk): _generation(ref)}
    if request.POST.get("action") == "decline":
        return redirect("references:decline", request_id=ref.pk)
    return redirect("references:rate", request_id=ref.pk)


def _opened(request) -> dict:
    """Requests this browser opened through their link: ``{str(id): link generation}``."""
    opened = request.session.get(SESSION_KEY)
    return opened if isinstance(opened, dict) else {}


def _generation(ref) -> str:
    """Changes when the coordinator sends a new link, not when a reminder rotates the token
    (the rater keeps working in the browser where they opened the link)."""
    return ref.sent_at.isoformat() if ref.sent_at else ""


def _rater_request(request, request_id):
    """The request this browser opened through its link, or a reason it cannot be used."""
    generation = _opened(request).get(str(request_id))
    if generation is None:
        return None, "session"
    ref = get_object_or_404(ReferenceRequest.objects.select_related("application__applicant"),
                            pk=request_id)
    outcome = tokens.outcome_for(ref)
    if outcome == tokens.OK and generation != _generation(ref):
        return None, tokens.SUPERSEDED
    return (ref, None) if outcome == tokens.OK else (None, outcome)


def _speak(request, ref) -> None:
    """Rater pages speak the language chosen for the rater (by the applicant, or by the
    rater with the switch on these pages)."""
    translation.activate(normalize(ref.language))
    request.LANGUAGE_CODE = translation.get_language()


def _switch(ref, token: str = "") -> dict:
    """The language switch on a rater's page posts to ``references:language``, which keeps
    the choice on the request. Before the link is opened the page is known by its token."""
    fields = [("token", token)] if token else []
    return {"language_form_action": reverse("references:language", args=[ref.pk]),
            "language_form_fields": fields}


@require_POST
def language(request, request_id):
    """The rater's language switch: kept on the request (pages, reminders and thanks follow
    it) and in the browser's language cookie. Only the rater may change it: the browser that
    opened the link, or one that holds the link (its token)."""
    ref, problem = _rater_request(request, request_id)
    if problem:
        found = tokens.lookup(request.POST.get("token", ""))
        if not found.ok or found.request.pk != request_id:
            raise Http404
        ref = found.request
    code = supported(request.POST.get("language"))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = reverse("references:rate", args=[ref.pk])
    if code:
        services.set_rater_language(ref, code)
        return _in_language(redirect(back), code)
    return redirect(back)


def _in_language(response, code: str):
    """The browser's language cookie set to ``code``: the pages after the rating (thanks,
    declined), which no longer know the request, stay in the rater's language."""
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code,
                        max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH,
                        domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE,
                        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


@require_http_methods(["GET", "POST"])
def rate(request, request_id):
    ref, problem = _rater_request(request, request_id)
    if problem:
        return _problem(request, problem)
    _speak(request, ref)
    areas = services.areas_for(ref.application)
    rating = ReferenceRating.objects.filter(request=ref).first()
    final = request.POST.get("action") == "submit"
    form = RatingForm(request.POST or None, areas=areas, final=final,
                      initial=initial_from(ref, rating))
    if request.method == "POST" and form.is_valid():
        try:
            if final:
                services.submit_rating(ref, form.cleaned_data)
                return _in_language(redirect("references:done"), normalize(ref.language))
            services.save_draft(ref, form.cleaned_data)
        except services.RequestStateError:
            return _problem(request, tokens.outcome_for(ReferenceRequest.objects.get(pk=ref.pk)))
        messages.success(request, _("Your answers are saved. You can close this page and come "
                                    "back through the link in your email to finish."))
        return redirect("references:rate", request_id=ref.pk)
    return render(request, "references/rate.html", {
        "ref": ref, "application": ref.application, "form": form, "saved": rating,
        **_switch(ref),
    })


@require_http_methods(["GET", "POST"])
def decline(request, request_id):
    ref, problem = _rater_request(request, request_id)
    if problem:
        return _problem(request, problem)
    _speak(request, ref)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline(ref, form.cleaned_data["reason"])
        except services.RequestStateError:
            return _problem(request, tokens.outcome_for(ReferenceRequest.objects.get(pk=ref.pk)))
        return _in_language(redirect("references:declined"), normalize(ref.language))
    return render(request, "references/decline.html", {
        "ref": ref, "application": ref.application, "form": form, **_switch(ref)})


def done(request):
    return render(request, "references/done.html", {"declined": False})


def declined(request):
    return render(request, "references/done.html", {"declined": True})


