"""Sections made of rows (degrees, training, work, RSC, leadership): a list per section and
one add/edit form per row, so saving one row never disturbs the others."""
import logging
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import forms as f
from .. import once
from ..models import (
    Degree,
    EvidenceLog,
    LeadershipActivity,
    RscSession,
    TrainingEntry,
    WorkEntry,
)
from ..row_html import section_rows
from ..sections import BY_ID, STATUS_LABELS
from ..services import dossier, touch
from ..uploads import delete_after_commit
from .access import editable_view

logger = logging.getLogger(__name__)
STORAGE_PROBLEM = _(
    "We could not store your file just now, so nothing was saved. Your answers are still on "
    "this page: please try again in a little while. If it keeps failing, tell the "
    "Endorsement® Coordinator.")


@dataclass(frozen=True)
class RowKind:
    slug: str          # url names: SLUG, SLUG_add, SLUG_edit, SLUG_delete
    section: str       # the Section identifier
    model: type
    form: type
    intro: str
    words: dict        # the whole phrases its pages and messages use (see _words)

    def rows(self, application):
        return getattr(dossier(application), self.slug)

    def queryset(self, application):
        """The rows this application may edit: the applicant's evidence log for training and
        RSC (shared with renewals), the application's own for the rest."""
        if hasattr(self.model.objects, "for_application"):
            return self.model.objects.for_application(application)
        return self.model.objects.filter(application=application)

    def editable(self, application):
        """The rows the applicant may change or remove: never one the program confirmed (a
        trainer's roll credited it; it is shown read-only with who confirmed it)."""
        rows = self.queryset(application)
        if hasattr(self.model, "confirmed_at"):
            rows = rows.filter(confirmed_at__isnull=True)
        return rows


def _words(add, edit, remove, remove_question, remove_only, saved, removed) -> dict:
    """A row kind's phrases, each whole: a translation cannot fit a noun ("degree",
    "training"...) into "Add a ..." (Spanish nouns have genders, and articles with them)."""
    return {"add": add, "edit": edit, "remove": remove, "remove_question": remove_question,
            "remove_only": remove_only, "saved": saved, "removed": removed}


ROW_KINDS = {k.slug: k for k in (
    RowKind("degrees", "education", Degree, f.DegreeForm,
            _("Add each degree or CDA credential with its official transcript. A degree "
              "without a transcript does not count yet."),
            _words(_("Add a degree"), _("Edit a degree"), _("Remove a degree"),
                   _("Remove this degree?"),
                   _("Only this degree is removed; everything else stays as it is."),
                   _("The degree was saved."), _("The degree was removed."))),
    RowKind("training", "training", TrainingEntry, f.TrainingForm,
            _("Add each relationship-based training you attended. You need at least 30 "
              "hours in all."),
            _words(_("Add a training"), _("Edit a training"), _("Remove a training"),
                   _("Remove this training?"),
                   _("Only this training is removed; everything else stays as it is."),
                   _("The training was saved."), _("The training was removed."))),
    RowKind("work", "work", WorkEntry, f.WorkForm,
            _("Add each job (and, for Level III and IV-Clinical, supervised graduate "
              "internships). Overlapping jobs count once."),
            _words(_("Add a job"), _("Edit a job"), _("Remove a job"),
                   _("Remove this job?"),
                   _("Only this job is removed; everything else stays as it is."),
                   _("The job was saved."), _("The job was removed."))),
    RowKind("rsc", "rsc", RscSession, f.RscForm,
            _("Add each session of reflective supervision or consultation you received, or "
              "a regular series at once."),
            _words(_("Add a session"), _("Edit a session"), _("Remove a session"),
                   _("Remove this session?"),
                   _("Only this session is removed; everything else stays as it is."),
                   _("The session was saved."), _("The session was removed."))),
    RowKind("leadership", "leadership", LeadershipActivity, f.LeadershipForm,
            _("Describe your leadership activities. At least one must be at the regional, "
              "state or national level."),
            _words(_("Add a leadership activity"), _("Edit a leadership activity"),
                   _("Remove a leadership activity"), _("Remove this leadership activity?"),
                   _("Only this leadership activity is removed; everything else stays as it "
                     "is."),
                   _("The leadership activity was saved."),
                   _("The leadership activity was removed."))),
)}


def _kind(application, slug):
    kind = ROW_KINDS[slug]
    if not BY_ID[kind.section].is_applicable(application):
        raise Http404
    return kind


def row_list(request, application, slug):
    kind = _kind(application, slug)
    section = BY_ID[kind.section]
    status = section.status(application)
    rows = kind.rows(application)
    return render(request, f"applicants/rows/{slug}.html", {
        "application": application, "kind": kind, "section": section,
        "rows": rows, "rows_html": section_rows(slug, application, rows),
        "status": status, "status_label": STATUS_LABELS[status],
        "details": section.details(application),
    })


def _form_kwargs(request, application, kind):
    if kind.model is Degree:
        return {"owner": request.user}
    return {"application": application}


def row_form(request, application, slug, row_id=None):
    kind = _kind(application, slug)
    instance = None
    if row_id is None and (with_token := once.token_in_url(request)):
        return with_token
    if row_id is not None:
        instance = get_object_or_404(kind.editable(application), pk=row_id)
    form = kind.form(request.POST or None, request.FILES or None, instance=instance,
                     **_form_kwargs(request, application, kind))
    if request.method == "POST":
        done = reverse(f"applicants:{slug}", kwargs={"pk": application.pk})
        if url := once.saved_before(request):
            return once.already_saved_response(request, url)
        if form.is_valid():
            try:
                # the file fails to store: no row either (saving_once is one transaction)
                with once.saving_once(request, done):
                    row = form.save(commit=False)
                    if instance is None:  # a log row keeps where it was first entered
                        row.application = application
                    row.save()
                    if hasattr(form, "pending") and form.pending is not None:
                        form.pending.delete()
                    touch(application, kind.section)
            except once.AlreadySaved as saved:
                return once.already_saved_response(request, saved.url)
            except OSError:  # storage full, read-only or unreachable
                logger.exception("could not store an upload for application %s",
                                 application.pk)
                form.add_error(None, STORAGE_PROBLEM)
            else:
                messages.success(request, kind.words["saved"])
                return redirect(done)
        if hasattr(form, "keep_upload"):
            try:
                with transaction.atomic():
                    form.keep_upload()
            except OSError:
                logger.exception("could not keep an upload for application %s",
                                 application.pk)
    return render(request, "applicants/row_form.html", {
        "application": application, "kind": kind, "form": form, "row": instance,
        "section": BY_ID[kind.section], "form_token": once.token_for(request),
    })


def row_delete(request, application, slug, row_id):
    kind = _kind(application, slug)
    row = get_object_or_404(kind.editable(application), pk=row_id)
    if request.method == "POST":
        row.delete()
        if kind.model is Degree:  # its transcript goes too (private, no longer anyone's)
            delete_after_commit(row.transcript.storage, row.transcript.name)
        touch(application, kind.section)
        messages.success(request, kind.words["removed"])
        return redirect(f"applicants:{slug}", pk=application.pk)
    return render(request, "applicants/row_delete.html", {
        "application": application, "kind": kind, "row": row, "section": BY_ID[kind.section]})


def rsc_series(request, application):
    kind = _kind(application, "rsc")
    if with_token := once.token_in_url(request):
        return with_token
    form = f.RscSeriesForm(request.POST or None)
    done = reverse("applicants:rsc", kwargs={"pk": application.pk})
    if request.method == "POST" and (url := once.saved_before(request)):
        return once.already_saved_response(request, url)
    if request.method == "POST" and form.is_valid():
        try:
            with once.saving_once(request, done):
                return _add_series(request, application, form)
        except once.AlreadySaved as saved:
            return once.already_saved_response(request, saved.url)
    return render(request, "applicants/rsc_series.html", {
        "application": application, "kind": kind, "form": form, "section": BY_ID["rsc"],
        "form_token": once.token_for(request)})


def _add_series(request, application, form):
    data = form.cleaned_data
    # A session already recorded with this provider and format on the same day is not
    # added twice (a double-clicked "Add the sessions" would double the hours).
    recorded = set(RscSession.objects.for_application(application).filter(
        provider_name__iexact=data["provider_name"].strip(), format=data["format"],
        date__in=form.dates()).values_list("date", flat=True))
    new_dates = [day for day in form.dates() if day not in recorded]
    series = uuid.uuid4().hex
    log = EvidenceLog.of(application.applicant_id)
    RscSession.objects.bulk_create([
        RscSession(application=application, log=log, date=day, hours=data["hours"],
                   format=data["format"], provider_name=data["provider_name"],
                   provider_level=data["provider_level"],
                   provider_degree=data["provider_degree"], kind=data["kind"], series=series)
        for day in new_dates])
    touch(application, "rsc")
    text = ngettext("%(n)d session was added.", "%(n)d sessions were added.",
                    len(new_dates)) % {"n": len(new_dates)}
    if recorded:
        text = ngettext(
            "%(added)s %(n)d on the same day with %(provider)s was already recorded and was "
            "not added again.",
            "%(added)s %(n)d on the same days with %(provider)s were already recorded and "
            "were not added again.", len(recorded)) % {
                "added": text, "n": len(recorded), "provider": data["provider_name"]}
    messages.success(request, text)
    return redirect("applicants:rsc", pk=application.pk)


def rsc_series_change(request, application, series):
    """Change or remove every session of a series at once (its dates stay as they are)."""
    _kind(application, "rsc")
    sessions_qs = RscSession.objects.for_application(application).filter(
        series=series, confirmed_at__isnull=True)
    sessions = list(sessions_qs)
    if not sessions or len(series) != 32:
        raise Http404
    first = sessions[0]
    form = f.RscSeriesChangeForm(request.POST or None, initial={
        "kind": first.kind, "format": first.format, "provider_name": first.provider_name,
        "provider_level": first.provider_level, "provider_degree": first.provider_degree,
        "hours": first.hours})
    if request.method == "POST" and request.POST.get("action") == "remove":
        with transaction.atomic():
            removed, _ = sessions_qs.delete()
            touch(application, "rsc")
        messages.success(request, ngettext("%(n)d session of the series was removed.",
                                           "%(n)d sessions of the series were removed.",
                                           removed) % {"n": removed})
        return redirect("applicants:rsc", pk=application.pk)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            changed = sessions_qs.update(**form.cleaned_data)
            touch(application, "rsc")
        messages.success(request, ngettext("%(n)d session of the series was changed.",
                                           "%(n)d sessions of the series were changed.",
                                           changed) % {"n": changed})
        return redirect("applicants:rsc", pk=application.pk)
    return render(request, "applicants/rsc_series_change.html", {
        "application": application, "form": form, "sessions": sessions,
        "section": BY_ID["rsc"], "series": series})


def _bind(view):
    def for_slug(slug):
        return editable_view(lambda request, application, **kw: view(request, application,
                                                                     slug, **kw))
    return for_slug


list_view, form_view, delete_view = _bind(row_list), _bind(row_form), _bind(row_delete)
series_view = editable_view(rsc_series)
series_change_view = editable_view(rsc_series_change)
