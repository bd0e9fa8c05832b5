"""Loading an application's answers once per request, and small actions on them."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property

from endorsement.credentials.models import Membership
from endorsement.requirement_titles import requirement_title

from .choices import AGREEMENTS_VERSION, LEADERSHIP_EXAMPLES, WORK_KIND_LABELS
from .models import AgreementSignature, ApplicantProfile, Application, RscSession, TrainingEntry


class Dossier:
    """Everything an application holds, read in one query (endorsement.batch)."""

    def __init__(self, application: Application, rows: dict | None = None):
        """``rows``: the lists of :func:`dossier_rows` already read (by the page, with its
        other rows in one query); else they are read here, with the rows the case's parts
        read (the exam results), all in one query."""
        from . import panels

        self.application = application
        if rows is None:
            wanted = dossier_rows(application)
            prefetched = getattr(application, "_prefetched_objects_cache", {})
            if "reference_requests" in prefetched:  # the page read them already, its way
                del wanted["reference_requests"]
            rows = panels.preload(application, wanted, panel_rows=False)
        if "reference_requests" in rows:
            _keep_prefetched(application, "reference_requests", rows["reference_requests"])
        self.degrees = rows["degrees"]
        self.training = rows["training"]
        self.work = rows["work"]
        self.rsc = rows["rsc"]
        self.leadership = rows["leadership"]
        self.signatures = {s.document: s for s in rows["signatures"]}
        self._verdict = None

    @cached_property
    def profile(self):
        """The applicant's About you (read when a page shows it: the case does not)."""
        return _profile_of(self.application)

    def signed(self, document: str) -> bool:
        signature = self.signatures.get(document)
        return signature is not None and signature.version == AGREEMENTS_VERSION

    @property
    def verdict(self) -> dict:
        if self._verdict is None:
            from .case import evaluate_dossier

            self._verdict = evaluate_dossier(self)
        return self._verdict

    def requirement(self, requirement_id: str) -> dict | None:
        for row in self.verdict["requirements"]:
            if row["id"] == requirement_id:
                return row
        return None


def dossier_rows(application: Application) -> dict:
    """The querysets a Dossier reads (for a page that reads them with its own in one query:
    ``Dossier(application, rows=endorsement.batch.fetch(dossier_rows(application)))``)."""
    return {
        "reference_requests": application.reference_requests.all(),
        "degrees": application.degrees.all(),
        # training and RSC: the applicant's evidence log, shared with their renewals
        "training": TrainingEntry.objects.for_application(application),
        "work": application.work.all(),
        "rsc": RscSession.objects.for_application(application),
        "leadership": application.leadership.all(),
        "signatures": application.signatures.all(),
    }


def _keep_prefetched(instance, name: str, rows: list) -> None:
    """Make ``instance.<name>.all()`` give ``rows`` (read elsewhere) as a prefetch would."""
    manager = getattr(instance, name)
    for row in rows:  # each row's link back to the instance, as prefetch_related sets it
        manager.field.set_cached_value(row, instance)
    queryset = manager.all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[manager.field.remote_field.cache_name] = queryset


def _profile_of(application: Application):
    """The applicant's profile: read with the application when the page selected it
    (views/access.py), else one query."""
    applicant = application._state.fields_cache.get("applicant")
    if applicant is not None and "applicant_profile" in applicant._state.fields_cache:
        return applicant._state.fields_cache["applicant_profile"]
    return ApplicantProfile.objects.filter(user_id=application.applicant_id).first()


def dossier(application: Application) -> Dossier:
    """The application's answers, loaded once and kept on the instance for this request."""
    cached = application.__dict__.get("_dossier")
    if cached is None:
        cached = application.__dict__["_dossier"] = Dossier(application)
    return cached


def dossier_with_panels(application: Application) -> Dossier:
    """The application's answers read in one query with what its panels show (the fee panel,
    the exam result: applicants.panels), for a page that shows them."""
    from . import panels

    wanted = dossier_rows(application)
    rows = panels.preload(application, {f"dossier:{name}": qs for name, qs in wanted.items()})
    cached = application.__dict__["_dossier"] = Dossier(application, rows={
        name: rows[f"dossier:{name}"] for name in wanted})
    return cached


def forget(application: Application) -> None:
    application.__dict__.pop("_dossier", None)


def touch(application: Application, section: str) -> None:
    """Remember the section the applicant edited last ("continue where you left off")."""
    application.last_section = section
    application.last_section_at = timezone.now()
    application.save(update_fields=["last_section", "last_section_at", "updated_at"])
    forget(application)


def save_profile(form, application: Application, *, partial: bool = False):
    """Save About you (part-filled when ``partial``); the full name given there becomes the
    name the applicant is known by in every email and page (the account's name)."""
    from endorsement import audit

    with transaction.atomic():
        profile = form.save()
        user = application.applicant
        name = " ".join(profile.full_name.split())
        if name and (user.first_name, user.last_name) != (name, ""):
            user.first_name, user.last_name = name, ""
            user.save(update_fields=["first_name", "last_name"])
        audit.record("application.profile_saved", application, actor=user, partial=partial)
    touch(application, "profile")
    return profile


def start_application(user, program: str, category: str) -> Application:
    with transaction.atomic():
        # The membership belongs to the person: a new application starts with theirs.
        membership = Membership.objects.filter(person=user).first()
        application = Application.objects.create(
            applicant=user, program=program, category=category,
            membership_number=membership.number if membership else "",
            membership_expires=membership.valid_through if membership else None)
        if not ApplicantProfile.objects.filter(user=user).exists():
            ApplicantProfile.objects.create(user=user, full_name=user.get_full_name(),
                                            work_setting="", region="")
        from endorsement import audit

        audit.record("application.started", application, actor=user, category=category)
    return application


def sign(application: Application, document: str, typed_name: str) -> AgreementSignature:
    """Record the applicant's typed signature of ``document`` (and who signed, in the audit
    trail: a signature that is replaced later is still on record)."""
    from endorsement import audit

    with transaction.atomic():
        signature, _ = AgreementSignature.objects.update_or_create(
            application=application, document=document,
            defaults={"version": AGREEMENTS_VERSION, "typed_name": typed_name.strip(),
                      "signed_at": timezone.now()},
        )
        audit.record("application.signed", application, actor=application.applicant,
                     document=document, version=AGREEMENTS_VERSION,
                     typed_name=signature.typed_name)
    forget(application)
    return signature


@dataclass(frozen=True)
class Blocker:
    section: str
    title: str
    message: str
    url: str


# Requirements the applicant does not control before submission.
NOT_BLOCKING = frozenset({"references", "fee", "exam"})


def submission_blockers(application: Application) -> list[Blocker]:
    """What stops this application from being submitted, each with a link to fix it."""
    from .sections import applicable_sections

    sections = applicable_sections(application)
    owner_of = {rid: s for s in sections for rid in s.requirement_ids}
    d = dossier(application)
    blockers: list[Blocker] = []
    for row in d.verdict["requirements"]:
        if not row["applies"] or row["met"] or row["id"] in NOT_BLOCKING:
            continue
        section = owner_of.get(row["id"])
        if section is None:
            continue
        blockers.append(Blocker(section.identifier, requirement_title(row["title"]), row["detail"],
                                section.url(application)))
    for section in sections:
        for problem in section.blockers(application):
            blockers.append(Blocker(section.identifier, section.title, problem,
                                    section.url(application)))
    return blockers


def answers(application: Application) -> dict:
    """The applicant's answers as plain JSON-able data (shown on review pages, snapshotted)."""
    d = dossier(application)
    p = d.profile
    profile = None
    if p is not None:
        profile = {
            "full_name": p.full_name, "email": application.applicant.email, "phone": p.phone,
            "address": p.address, "city": p.city, "state": p.state,
            "postal_code": p.postal_code, "employer": p.employer,
            "work_setting": p.get_work_setting_display(), "region": p.get_region_display(),
            "languages": p.languages,
        }
    return {
        "program": application.program,
        "category": application.category,
        "category_label": application.get_category_display(),
        "profile": profile,
        "degrees": [{"id": g.pk, "type": g.type, "name": g.name, "institution": g.institution,
                     "awarded": g.awarded, "related_field": g.related_field,
                     "transcript": g.transcript_name if g.transcript else ""}
                    for g in d.degrees],
        "training": [{"title": t.title, "sponsor": t.sponsor, "date": t.date,
                      "hours": float(t.hours), "competency_areas": t.competency_areas,
                      "about_rsc": t.about_rsc, "confirmed_by": t.confirmed_by if t.confirmed
                      else ""} for t in d.training],
        "work": [{"employer": w.employer, "role": w.role, "start": w.start, "end": w.end,
                  "paid": w.paid, "kind": WORK_KIND_LABELS.get(w.kind, w.kind),
                  "families_served": w.families_served,
                  "social_emotional_focus": w.social_emotional_focus,
                  "relationship_focus": w.relationship_focus, "internship": w.internship,
                  "internship_supervisor_level": w.internship_supervisor_level,
                  "hours_per_week": w.hours_per_week, "duties": w.duties,
                  "part_time": w.part_time}
                 for w in d.work],
        "rsc": [{"date": r.date, "hours": float(r.hours), "format": r.format,
                 "provider_name": r.provider_name, "provider_level": r.provider_level,
                 "provider_degree": r.provider_degree, "kind": r.kind, "counts": r.counts}
                for r in d.rsc],
        "leadership": [{"description": a.description, "scope": a.scope,
                        "examples": [LEADERSHIP_EXAMPLES.get(k, k) for k in a.examples]}
                       for a in d.leadership],
        "signatures": [{"document": s.get_document_display(), "version": s.version,
                        "typed_name": s.typed_name, "signed_at": s.signed_at}
                       for s in d.signatures.values()],
        "membership": {"number": application.membership_number,
                       "expires": application.membership_expires},
    }


def take_snapshot(application: Application) -> dict:
    """The full case, answers and checklist as submitted (stored on the application).

    Taken in English whatever the applicant's language, like every record: the labels in it
    (work kinds, the category, a document's name...) are the English msgids, shown in the
    reader's language by the ``label`` filter, and two versions compare field by field."""
    from django.utils import translation

    from .case import build_case

    forget(application)
    with translation.override("en"):
        snapshot = _plain({
            "taken_at": timezone.now(),
            "case": build_case(application),
            "answers": answers(application),
            "checklist": dossier(application).verdict,
        })
    forget(application)  # the checklist read above speaks English: not for this request
    return snapshot


def _plain(value):
    """``value`` with every lazy translation turned into its text now (in the active
    language), so saving it later, in another language, changes nothing."""
    from django.utils.functional import Promise

    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def purge_stale_uploads(older_than_hours: int = 48) -> int:
    """Delete files kept for forms that were never saved again; returns how many."""
    from datetime import timedelta

    from .models import PendingUpload

    stale = PendingUpload.objects.filter(
        created_at__lt=timezone.now() - timedelta(hours=older_than_hours))
    count = 0
    for pending in stale:
        pending.file.delete(save=False)
        pending.delete()
        count += 1
    return count
