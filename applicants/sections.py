"""The sections of an application as objects: the task list and the submit check walk the
same list, so what the home page shows and what blocks submission always agree."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from references.services import section_status as references_status

from .choices import AGREEMENTS_VERSION
from .models import Application
from .services import dossier

NOT_STARTED, IN_PROGRESS, COMPLETE, NEEDS_ATTENTION = (
    "not_started", "in_progress", "complete", "needs_attention")
STATUS_LABELS = {NOT_STARTED: gettext_lazy("Not started"),
                 IN_PROGRESS: gettext_lazy("In progress"),
                 COMPLETE: gettext_lazy("Complete"),
                 NEEDS_ATTENTION: gettext_lazy("Needs attention")}


class Section:
    identifier = ""
    title = ""
    url_name = ""
    hint = ""
    requirement_ids: tuple[str, ...] = ()

    def is_applicable(self, application: Application) -> bool:
        return True

    def url(self, application: Application) -> str:
        return reverse(self.url_name, kwargs={"pk": application.pk})

    def has_data(self, application: Application) -> bool:
        return False

    def problems(self, application: Application) -> list[str]:
        """Things the applicant must fix here before submitting (beyond the engine's rows)."""
        return []

    def blockers(self, application: Application) -> list[str]:
        """What in this section stops submission, beyond the engine's unmet rows."""
        return self.problems(application)

    def is_done(self, application: Application) -> bool:
        rows = [dossier(application).requirement(rid) for rid in self.requirement_ids]
        applicable = [r for r in rows if r and r["applies"]]
        if not applicable:
            return self.has_data(application)
        return all(r["met"] for r in applicable)

    def status(self, application: Application) -> str:
        if self.problems(application):
            return NEEDS_ATTENTION
        if self.is_done(application):
            return COMPLETE
        if self.has_data(application):
            return IN_PROGRESS
        return NOT_STARTED

    def details(self, application: Application) -> list[str]:
        d = dossier(application)
        return [r["detail"] for rid in self.requirement_ids
                if (r := d.requirement(rid)) and r["applies"]]


class ProfileSection(Section):
    identifier, title, url_name = "profile", gettext_lazy("About you"), "applicants:profile"
    hint = gettext_lazy("Contact details, where you work, your region and languages.")

    def has_data(self, application):
        profile = dossier(application).profile
        return profile is not None and any(
            getattr(profile, f) for f in ("phone", "address", "work_setting", "region"))

    def is_done(self, application):
        profile = dossier(application).profile
        return profile is not None and profile.is_complete

    def problems(self, application):
        if self.has_data(application) and not self.is_done(application):
            return [_("Some contact or work details are still missing.")]
        return []

    def blockers(self, application):
        return [] if self.is_done(application) else [
            _("Fill in your contact details, work setting, region and languages.")]

    def details(self, application):
        return [] if self.is_done(application) else [
            _("Fill in your contact and work details.")]


class EducationSection(Section):
    identifier, title, url_name = "education", gettext_lazy("Education"), "applicants:degrees"
    hint = gettext_lazy("Your degrees or CDA credential, each with its official transcript.")
    requirement_ids = ("education",)

    def has_data(self, application):
        return bool(dossier(application).degrees)

    def problems(self, application):
        return [_("Upload the official transcript for “%(degree)s”, or remove that degree.")
                % {"degree": g.name} for g in dossier(application).degrees if not g.transcript]


class TrainingSection(Section):
    identifier, title, url_name = "training", gettext_lazy("Training"), "applicants:training"
    hint = gettext_lazy("Relationship-based trainings you attended (at least 30 hours).")
    requirement_ids = ("training",)

    def has_data(self, application):
        return bool(dossier(application).training)


class WorkSection(Section):
    identifier, title, url_name = "work", gettext_lazy("Work experience"), "applicants:work"
    hint = gettext_lazy("Jobs and internships with infants, young children and families.")
    requirement_ids = ("work_experience",)

    def has_data(self, application):
        return bool(dossier(application).work)

    def is_done(self, application):
        if application.level == "I":  # Level I: work only counts as a path to education
            return self.has_data(application)
        if application.level == "IV":  # Level IV's row also needs leadership (own section)
            return _work_ok_without_leadership(application)
        return super().is_done(application)


def _work_ok_without_leadership(application) -> bool:
    from .case import work_met_apart_from_leadership

    return work_met_apart_from_leadership(dossier(application))


class RscSection(Section):
    identifier, url_name = "rsc", "applicants:rsc"
    title = gettext_lazy("Reflective supervision/consultation")
    hint = gettext_lazy("Sessions of reflective supervision or consultation you received.")
    requirement_ids = ("rsc",)

    def is_applicable(self, application):
        return application.category in ("II", "III", "IV-C")

    def has_data(self, application):
        return bool(dossier(application).rsc)


class LeadershipSection(Section):
    identifier, url_name = "leadership", "applicants:leadership"
    title = gettext_lazy("Leadership")
    hint = gettext_lazy("Leadership activities at the regional, state or national level.")

    def is_applicable(self, application):
        return application.level == "IV"

    def has_data(self, application):
        return bool(dossier(application).leadership)

    def is_done(self, application):
        return any(a.scope in ("regional", "state", "national")
                   for a in dossier(application).leadership)

    def details(self, application):
        if self.is_done(application):
            return [_("You listed leadership at the regional, state or national level.")]
        return [_("Add at least one leadership activity at the regional, state or national "
                  "level.")]

    def problems(self, application):
        if self.has_data(application) and not self.is_done(application):
            return [_("At least one leadership activity must be at the regional, state or "
                      "national level.")]
        return []

    def blockers(self, application):
        return [] if self.is_done(application) else [
            _("Add at least one leadership activity at the regional, state or national level.")]


class ReferencesSection(Section):
    identifier, url_name = "references", "references:section"
    title = gettext_lazy("References")
    hint = gettext_lazy("Three people who rate your work. Ratings may arrive after you submit.")
    requirement_ids = ("references",)

    def url(self, application):
        return reverse(self.url_name, kwargs={"application_id": application.pk})

    def status(self, application):
        return references_status(application)


class AgreementsSection(Section):
    identifier, url_name = "agreements", "applicants:agreements"
    title = gettext_lazy("Code of Ethics and Agreement")
    hint = gettext_lazy("Read and sign the Code of Ethics and the Endorsement® Agreement.")
    requirement_ids = ("code_of_ethics", "agreement")

    def has_data(self, application):
        return bool(dossier(application).signatures)

    def problems(self, application):
        changed = {
            "code_of_ethics": _("The Code of Ethics has changed since you signed it. Please "
                                "read it and sign again."),
            "agreement": _("The Endorsement® Agreement has changed since you signed it. "
                           "Please read it and sign again."),
        }
        return [changed.get(s.document, changed["agreement"])
                for s in dossier(application).signatures.values()
                if s.version != AGREEMENTS_VERSION]


class MembershipSection(Section):
    identifier, url_name = "membership", "applicants:membership"
    title = gettext_lazy("Membership and fee")
    hint = gettext_lazy("Your MassAIMH membership; the fee is recorded by the Endorsement "
                        "Coordinator.")
    requirement_ids = ("membership",)

    def has_data(self, application):
        return bool(application.membership_number or application.membership_expires)

    def problems(self, application):
        if self.has_data(application) and not application.membership_number:
            return [_("Enter your membership number.")]
        return []

    def blockers(self, application):
        return [] if application.membership_number else [_("Enter your membership number.")]


SECTIONS: tuple[Section, ...] = (
    ProfileSection(), EducationSection(), TrainingSection(), WorkSection(), RscSection(),
    LeadershipSection(), ReferencesSection(), AgreementsSection(), MembershipSection(),
)
BY_ID = {s.identifier: s for s in SECTIONS}


def applicable_sections(application: Application) -> list[Section]:
    return [s for s in SECTIONS if s.is_applicable(application)]


def task_list(application: Application) -> list[dict]:
    rows = []
    for section in applicable_sections(application):
        status = section.status(application)
        rows.append({"section": section, "status": status, "label": STATUS_LABELS[status],
                     "url": section.url(application), "details": section.details(application)})
    return rows


def resume_section(application: Application, tasks: list[dict] | None = None):
    """Where "Continue where you left off" leads: the section last worked on while it is not
    complete, else the next one after it that is not complete (then from the top); None
    once every section is complete."""
    tasks = task_list(application) if tasks is None else tasks
    ids = [t["section"].identifier for t in tasks]
    start = ids.index(application.last_section) if application.last_section in ids else 0
    for task in tasks[start:] + tasks[:start]:
        if task["status"] != "complete":
            return task["section"]
    return None
