"""The one catalog of the sentences the engine says, ready for translation.

A requirement's ``detail`` is built from :class:`Msg` values: a message id from
:data:`CATALOG` and its parameters. :func:`render` turns them into a sentence for an
*audience*: ``"applicant"`` (spoken to: "You have 18 of 24 hours") or ``"staff"`` (spoken about:
"The applicant has 18 of 24 hours"). Each :class:`Template` has a singular and a plural form
(chosen by the parameter named in ``count``) and, where the wording differs, staff forms.

Templates use ``%(name)s`` placeholders, as gettext and Django's ``blocktranslate`` do. A
caller may pass :func:`render` a ``translate=ngettext``-like callable ``(singular, plural, n)
-> str``; the web layer instead registers where the active language's translator comes from
(:func:`set_translator_source`), asked once per verdict, and each template it translated is
kept with that translator (a ``_Voice`` per audience and language), so a checklist costs
about the same in Spanish as in English. :func:`catalog_strings` lists every string for
``makemessages``.
A parameter may itself be a :class:`Msg` (a phrase such as the program's own words: "infant
mental health" or "early childhood mental health"), or a tuple of them (a list: "supervisor,
RSC provider, colleague"); it is rendered, and translated, first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, NamedTuple

from .kept import ByIdentity

AUDIENCES: Final = ("applicant", "staff")
Translate = Callable[[str, str, int], str]


class Template(NamedTuple):
    """The English forms of one message."""

    one: str
    other: str | None = None        # plural; None = same as ``one``
    staff_one: str | None = None    # None = same as the applicant's
    staff_other: str | None = None
    plural_by: str | None = None    # the parameter that picks singular or plural


class Msg(NamedTuple):
    """A message id and its parameters (JSON-able apart from nested messages)."""

    id: str
    params: Mapping[str, Any] = {}

    def as_dict(self) -> dict:
        """``{"id": ..., "params": {...}}`` with nested messages as dicts too."""
        return {"id": self.id, "params": {k: (v.as_dict() if isinstance(v, Msg) else v)
                                          for k, v in self.params.items()}}


def T(one: str, other: str | None = None, *, staff: str | None = None,
      staff_other: str | None = None, count: str | None = None) -> Template:
    return Template(one, other, staff, staff_other, count)


_HAVE_HOURS: Final = "%(have)s hours"
CATALOG: Final[dict[str, Template]] = {
    # --- the program's own words (IMH-E / ECMH-E) --------------------------------
    "term.field.IMH-E": T("infant mental health"),
    "term.field.ECMH-E": T("early childhood mental health"),
    "term.children.IMH-E": T("infants/toddlers"),
    "term.children.ECMH-E": T("young children"),
    "term.work.IMH-E": T("infant/early-childhood"),
    "term.work.ECMH-E": T("early-childhood"),
    # --- shared notes ----------------------------------------------------------------
    "note.after_as_of": T(
        "%(hours)s hour dated after %(date)s is not counted (it has not happened yet).",
        "%(hours)s hours dated after %(date)s are not counted (they have not happened yet).",
        count="hours"),
    # --- education ---------------------------------------------------------------------
    "degree.cda": T("CDA credential"),
    "degree.associate": T("associate's degree"),
    "degree.bachelor": T("bachelor's degree"),
    "degree.master": T("master's degree"),
    "degree.doctorate": T("doctorate"),
    "minimum.associate": T("an associate's degree or higher in a related field"),
    "minimum.bachelor": T("a bachelor's degree or higher (any field)"),
    "minimum.master": T("a graduate degree (master's or doctorate)"),
    "education.counts": T("Your %(degree)s counts (official transcript on file).",
                          staff="The applicant's %(degree)s counts (official transcript on "
                                "file)."),
    "education.missing": T("Needs %(minimum)s with an official transcript; none is on file yet."),
    "education.no_transcript": T(
        "Your %(degree)s will count once an official transcript is on file.",
        staff="The applicant's %(degree)s will count once an official transcript is on file."),
    "education.future": T(
        "Your %(degree)s is dated %(date)s, after the decision day (%(as_of)s): it does not "
        "count yet.",
        staff="The applicant's %(degree)s is dated %(date)s, after the decision day "
              "(%(as_of)s): it does not count yet."),
    "education.i.work_met": T(
        "%(years)s year of paid %(work)s work counts (at least %(need)s needed).",
        "%(years)s years of paid %(work)s work count (at least %(need)s needed).",
        count="years"),
    "education.i.missing": T(
        "Needs a CDA credential or an associate's degree (or higher) in a related field, with "
        "an official transcript, or %(need)s years of paid %(work)s work; you have %(years)s "
        "of %(need)s years of paid work, %(days)s more day needed.",
        "Needs a CDA credential or an associate's degree (or higher) in a related field, with "
        "an official transcript, or %(need)s years of paid %(work)s work; you have %(years)s "
        "of %(need)s years of paid work, %(days)s more days needed.",
        staff="Needs a CDA credential or an associate's degree (or higher) in a related field, "
              "with an official transcript, or %(need)s years of paid %(work)s work; the "
              "applicant has %(years)s of %(need)s years of paid work, %(days)s more day "
              "needed.",
        staff_other="Needs a CDA credential or an associate's degree (or higher) in a related "
                    "field, with an official transcript, or %(need)s years of paid %(work)s "
                    "work; the applicant has %(years)s of %(need)s years of paid work, "
                    "%(days)s more days needed.",
        count="days"),
    "education.i.unrelated": T("Your %(degree)s is not in a related field.",
                               staff="The applicant's %(degree)s is not in a related field."),
    "education.i.unpaid": T("Unpaid work does not count."),
    # --- training ----------------------------------------------------------------------
    "training.met": T("%(have)s hour of relationship-based training; at least %(need)s needed.",
                      _HAVE_HOURS + " of relationship-based training; at least %(need)s "
                                    "needed.", count="have"),
    "training.short": T(
        "You have %(have)s of %(need)s hours of relationship-based training; %(more)s more "
        "needed.",
        staff="The applicant has %(have)s of %(need)s hours of relationship-based training; "
              "%(more)s more needed."),
    # --- work experience ---------------------------------------------------------------
    "work.na.I": T("At Level I work experience is one way to meet the education requirement; "
                   "there is no separate work requirement."),
    "work.ii.no_bachelor": T(
        "Work is counted from the date of your bachelor's degree, and no awarded bachelor's "
        "degree with an official transcript is on file yet, so no work counts.",
        staff="Work is counted from the date of the applicant's bachelor's degree, and no "
              "awarded bachelor's degree with an official transcript is on file yet, so no "
              "work counts."),
    "work.ii.met": T(
        "%(have)s years of paid work promoting %(field)s since your bachelor's degree "
        "(%(date)s); at least %(need)s needed.",
        staff="%(have)s years of paid work promoting %(field)s since the applicant's "
              "bachelor's degree (%(date)s); at least %(need)s needed."),
    "work.ii.short": T(
        "You have %(have)s of %(need)s years of paid work promoting %(field)s since your "
        "bachelor's degree (%(date)s); %(days)s more day needed.",
        "You have %(have)s of %(need)s years of paid work promoting %(field)s since your "
        "bachelor's degree (%(date)s); %(days)s more days needed.",
        staff="The applicant has %(have)s of %(need)s years of paid work promoting %(field)s "
              "since the bachelor's degree (%(date)s); %(days)s more day needed.",
        staff_other="The applicant has %(have)s of %(need)s years of paid work promoting "
                    "%(field)s since the bachelor's degree (%(date)s); %(days)s more days "
                    "needed.",
        count="days"),
    "work.ii.families": T(
        "%(families)s family of %(children)s served in that work (at least %(need)s needed).",
        "%(families)s families of %(children)s served in that work (at least %(need)s needed).",
        count="families"),
    "work.ii.families_short": T("%(more)s more family needed.", "%(more)s more families needed.",
                                count="more"),
    "work.ii.families_before": T(
        "Not counted: %(families)s family served in a role that ended before the bachelor's "
        "degree.",
        "Not counted: %(families)s families served in roles that ended before the bachelor's "
        "degree.", count="families"),
    "work.ii.unpaid": T("Not counted: %(count)s unpaid role (only paid work counts).",
                        "Not counted: %(count)s unpaid roles (only paid work counts).",
                        count="count"),
    "work.ii.unfocused": T(
        "Not counted: %(count)s role without both a social-emotional focus and attention to "
        "relationships.",
        "Not counted: %(count)s roles without both a social-emotional focus and attention to "
        "relationships.", count="count"),
    "work.iii.met": T(
        "%(have)s years of paid specialized %(field)s work (with %(children)s and their parents "
        "together) since your graduate degree; at least %(need)s needed.",
        staff="%(have)s years of paid specialized %(field)s work (with %(children)s and their "
              "parents together) since the applicant's graduate degree; at least %(need)s "
              "needed."),
    "work.iii.short": T(
        "You have %(have)s of %(need)s years of paid specialized %(field)s work (with "
        "%(children)s and their parents together) since your graduate degree; %(days)s more "
        "day needed.",
        "You have %(have)s of %(need)s years of paid specialized %(field)s work (with "
        "%(children)s and their parents together) since your graduate degree; %(days)s more "
        "days needed.",
        staff="The applicant has %(have)s of %(need)s years of paid specialized %(field)s work "
              "(with %(children)s and their parents together) since the graduate degree; "
              "%(days)s more day needed.",
        staff_other="The applicant has %(have)s of %(need)s years of paid specialized "
                    "%(field)s work (with %(children)s and their parents together) since the "
                    "graduate degree; %(days)s more days needed.",
        count="days"),
    "work.iii.internship": T(
        "That includes %(days)s day of a supervised graduate internship (at most %(cap)s year "
        "of internship counts).",
        "That includes %(days)s days of a supervised graduate internship (at most %(cap)s "
        "year of internship counts).", count="days"),
    "work.iii.overlap": T(
        "%(days)s day of internship overlaps paid work and is counted once.",
        "%(days)s days of internship overlap paid work and are counted once.", count="days"),
    "work.iii.no_graduate": T(
        "Paid work counts from the date of your graduate degree, and no awarded graduate "
        "degree with an official transcript is on file yet.",
        staff="Paid work counts from the date of the applicant's graduate degree, and no "
              "awarded graduate degree with an official transcript is on file yet."),
    "work.iii.bad_supervisor": T(
        "Not counted: %(count)s internship; an internship counts only when its supervisor is "
        "endorsed at Level %(levels)s.",
        "Not counted: %(count)s internships; an internship counts only when its supervisor is "
        "endorsed at Level %(levels)s.", count="count"),
    "mentor.rsc_provider": T("providing %(field)s reflective supervision/consultation"),
    "mentor.policy_leadership": T("leading in policy and/or program administration"),
    "mentor.faculty_research": T("university teaching and/or published research"),
    "work.mentor.met": T(
        "%(have)s years of %(activity)s since your graduate degree; at least %(need)s needed.",
        staff="%(have)s years of %(activity)s since the applicant's graduate degree; at least "
              "%(need)s needed."),
    "work.mentor.short": T(
        "You have %(have)s of %(need)s years of %(activity)s since your graduate degree; "
        "%(days)s more day needed.",
        "You have %(have)s of %(need)s years of %(activity)s since your graduate degree; "
        "%(days)s more days needed.",
        staff="The applicant has %(have)s of %(need)s years of %(activity)s since the graduate "
              "degree; %(days)s more day needed.",
        staff_other="The applicant has %(have)s of %(need)s years of %(activity)s since the "
                    "graduate degree; %(days)s more days needed.",
        count="days"),
    "work.mentor.leadership": T(
        "%(count)s leadership activity at the regional, state or national level.",
        "%(count)s leadership activities at the regional, state or national level.",
        count="count"),
    "work.mentor.no_leadership": T(
        "No leadership activity at the regional, state or national level yet."),
    "work.mentor.no_graduate": T(
        "This work counts from the date of your graduate degree, and no awarded graduate "
        "degree with an official transcript is on file yet.",
        staff="This work counts from the date of the applicant's graduate degree, and no "
              "awarded graduate degree with an official transcript is on file yet."),
    # --- reflective supervision/consultation ------------------------------------------
    "rsc.na.I": T("Not required at Level I."),
    "rsc.na.mentor": T("Optional for the Policy and Research/Faculty designations."),
    "rsc.no_bachelor": T(
        "Reflective supervision/consultation counts from the date of your bachelor's degree, "
        "and no awarded bachelor's degree with an official transcript is on file yet.",
        staff="Reflective supervision/consultation counts from the date of the applicant's "
              "bachelor's degree, and no awarded bachelor's degree with an official "
              "transcript is on file yet."),
    "rsc.met": T(
        _HAVE_HOURS + " of RSC with %(who)s within %(months)s months (%(start)s to %(end)s); "
        "at least %(need)s needed."),
    "rsc.short": T(
        "You have %(have)s of %(need)s hours of RSC with %(who)s within %(months)s months; "
        "%(more)s more needed.",
        staff="The applicant has %(have)s of %(need)s hours of RSC with %(who)s within "
              "%(months)s months; %(more)s more needed."),
    "rsc.exception": T(
        "Because your highest degree is a bachelor's, RSC from a master's-prepared provider "
        "endorsed at Level II also counts.",
        staff="Because the applicant's highest degree is a bachelor's, RSC from a "
              "master's-prepared provider endorsed at Level II also counts."),
    "rsc.unqualified": T(
        "Not counted: %(hours)s hour from a provider who does not qualify.",
        "Not counted: %(hours)s hours from providers who do not qualify.", count="hours"),
    "rsc.exception_lost": T(
        "Not counted: %(hours)s hour from a master's-prepared Level II provider; that counts "
        "only while your highest degree is a bachelor's.",
        "Not counted: %(hours)s hours from a master's-prepared Level II provider; those count "
        "only while your highest degree is a bachelor's.",
        staff="Not counted: %(hours)s hour from a master's-prepared Level II provider; that "
              "counts only while the applicant's highest degree is a bachelor's.",
        staff_other="Not counted: %(hours)s hours from a master's-prepared Level II provider; "
                    "those count only while the applicant's highest degree is a bachelor's.",
        count="hours"),
    "rsc.before_degree": T(
        "Not counted: %(hours)s hour received before your bachelor's degree (%(date)s).",
        "Not counted: %(hours)s hours received before your bachelor's degree (%(date)s).",
        staff="Not counted: %(hours)s hour received before the applicant's bachelor's degree "
              "(%(date)s).",
        staff_other="Not counted: %(hours)s hours received before the applicant's bachelor's "
                    "degree (%(date)s).",
        count="hours"),
    "rsc.not_working": T(
        "Not counted: %(hours)s hour received on a day no role on file covers (RSC counts "
        "only while you are providing services).",
        "Not counted: %(hours)s hours received on days no role on file covers (RSC counts "
        "only while you are providing services).",
        staff="Not counted: %(hours)s hour received on a day no role on file covers (RSC "
              "counts only while the applicant is providing services).",
        staff_other="Not counted: %(hours)s hours received on days no role on file covers "
                    "(RSC counts only while the applicant is providing services).",
        count="hours"),
    "providers.III+IV-C": T("a provider endorsed at Level III or IV-C"),
    "providers.IV-C": T("a provider endorsed at Level IV-C"),
    "providers.ers": T("a provider with the ERS add-on or endorsed as Mental Health Mentor – "
                       "Clinical"),
    # --- references ----------------------------------------------------------------------
    "references.met": T("All %(total)s reference slots are filled (%(who)s)."),
    "references.met_endorsed": T("At least one rater is endorsed at Level II or higher."),
    "references.vetted": T(
        "A vetted rater fills the endorsed-rater slot; an endorsed rater is preferred."),
    "references.no_endorsed": T(
        "All %(total)s reference slots are filled (%(who)s), but at least one rater must be "
        "endorsed at Level II, III or IV, and none is."),
    "references.short": T("%(filled)s of %(total)s reference slots filled."),
    "references.open": T("Still needed: %(slot)s."),
    "slot.endorsed_or_vetted": T(
        "someone endorsed at Level II or higher, or a rater vetted by the Endorsement "
        "Coordinator"),
    "slot.supervisor_teacher_consultant": T(
        "a current program supervisor, teacher, trainer or consultant"),
    "slot.rsc_provider": T(
        "the person who provides your reflective supervision/consultation",
        staff="the person who provides the applicant's reflective supervision/consultation"),
    "slot.teacher_cda_mentor_supervisor": T(
        "a current teacher, CDA mentor, instructor or supervisor"),
    "slot.colleague_or_recipient": T(
        "a colleague, or a parent or other recipient of your services",
        staff="a colleague, or a parent or other recipient of the applicant's services"),
    "slot.another_or_colleague": T(
        "another supervisor, teacher, trainer or consultant, or a colleague"),
    "slot.another_colleague_or_supervisee": T(
        "another supervisor, teacher, trainer or consultant, a colleague, or someone you "
        "supervise",
        staff="another supervisor, teacher, trainer or consultant, a colleague, or someone "
              "the applicant supervises"),
    "slot.supervisor_or_colleague": T(
        "a current program supervisor, teacher, trainer or consultant, or a colleague"),
    "slot.supervisee": T(
        "someone who receives reflective supervision/consultation from you",
        staff="someone who receives reflective supervision/consultation from the applicant"),
    "slot.rsc_provider_or_colleague": T(
        "the person who provides your reflective supervision/consultation, or a colleague",
        staff="the person who provides the applicant's reflective supervision/consultation, "
              "or a colleague"),
    "slot.colleague": T("a colleague"),
    "slot.chair_or_colleague": T(
        "your department supervisor or chair, or a colleague",
        staff="the applicant's department supervisor or chair, or a colleague"),
    "slot.student": T("a student you teach or supervise",
                      staff="a student the applicant teaches or supervises"),
    "references.need_endorsed": T(
        "At least one of the three raters must be endorsed at Level II or higher."),
    "references.unconfirmed": T(
        "A rater's Endorsement® at Level II or higher is waiting for the coordinator to "
        "confirm."),
    "references.unconfirmed_complete": T(
        "All %(total)s reference slots are filled (%(who)s); a rater's Endorsement® at Level II "
        "or higher is waiting for the coordinator to confirm."),
    "references.unused": T(
        "%(count)s submitted rating from %(role)s fits none of the slots still open.",
        "%(count)s submitted ratings from %(role)s fit none of the slots still open.",
        count="count"),
    "rater.supervisor": T("supervisor"),
    "rater.teacher": T("teacher"),
    "rater.cda_mentor": T("CDA mentor"),
    "rater.consultant": T("consultant"),
    "rater.rsc_provider": T("RSC provider"),
    "rater.colleague": T("colleague"),
    "rater.service_recipient": T("service recipient"),
    "rater.supervisee": T("supervisee"),
    "rater.student": T("student"),
    "rater.department_chair": T("department chair"),
    "list.separator": T(", "),
    "role.supervisor": T("a supervisor", "supervisors", count="count"),
    "role.teacher": T("a teacher", "teachers", count="count"),
    "role.cda_mentor": T("a CDA mentor", "CDA mentors", count="count"),
    "role.consultant": T("a consultant", "consultants", count="count"),
    "role.rsc_provider": T("an RSC provider", "RSC providers", count="count"),
    "role.colleague": T("a colleague", "colleagues", count="count"),
    "role.service_recipient": T("a service recipient", "service recipients", count="count"),
    "role.supervisee": T("a supervisee", "supervisees", count="count"),
    "role.student": T("a student", "students", count="count"),
    "role.department_chair": T("a department chair", "department chairs", count="count"),
    "references.pending": T("%(count)s rating is still waiting for the rater.",
                            "%(count)s ratings are still waiting for the rater.", count="count"),
    "references.closed": T("%(count)s request was declined or expired.",
                           "%(count)s requests were declined or expired.", count="count"),
    # --- signatures, exam, membership, fee ----------------------------------------------
    "code_of_ethics.signed": T("The Code of Ethics is signed."),
    "code_of_ethics.unsigned": T("The Code of Ethics has not been signed yet."),
    "agreement.signed": T("The Endorsement® Agreement is signed."),
    "agreement.unsigned": T("The Endorsement® Agreement has not been signed yet."),
    "exam.na": T("No written examination at Level %(level)s."),
    "exam.none": T("The written examination has not been taken yet."),
    "exam.passed": T("You passed the written examination.",
                     staff="The applicant passed the written examination."),
    "exam.failed": T("The written examination has not been passed."),
    "membership.none": T("No %(association)s membership is on file."),
    "membership.ok": T("%(association)s membership is paid through %(date)s."),
    "membership.expired": T("%(association)s membership expired on %(date)s; it must be "
                            "renewed."),
    "fee.paid": T("The processing fee is paid."),
    "fee.unpaid": T("The processing fee has not been paid yet."),
    # --- ERS add-on (Virginia) ------------------------------------------------------
    "ers.category.no": T(
        "The ERS add-on is for Family Specialists and Mental Health Specialists; this "
        "application is for %(category)s."),
    "ers.category.endorsed": T("You are endorsed as %(category)s.",
                               staff="The applicant is endorsed as %(category)s."),
    "ers.category.same_time": T(
        "You are applying for %(category)s at the same time; ERS is granted with it.",
        staff="The applicant is applying for %(category)s at the same time; ERS is granted "
              "with it."),
    "ers.providing.emerging": T(
        "Not needed for Emerging status: the two years after approval are for providing "
        "RSC."),
    "ers.providing.met": T(
        "You have provided RSC to at least one person for %(have)s days (at least %(need)s "
        "needed).",
        staff="The applicant has provided RSC to at least one person for %(have)s days (at "
              "least %(need)s needed)."),
    "ers.providing.short": T(
        "You have provided RSC to at least one person for %(have)s of %(need)s days; "
        "%(more)s more day needed. Emerging status is open until then.",
        "You have provided RSC to at least one person for %(have)s of %(need)s days; "
        "%(more)s more days needed. Emerging status is open until then.",
        staff="The applicant has provided RSC to at least one person for %(have)s of "
              "%(need)s days; %(more)s more day needed.",
        staff_other="The applicant has provided RSC to at least one person for %(have)s of "
                    "%(need)s days; %(more)s more days needed.",
        count="more"),
    "ers.receiving.emerging": T("Not needed for Emerging status."),
    "ers.receiving.met": T(
        "%(count)s session (%(hours)s hours) of RSC from a qualified provider about the RSC "
        "you provide.",
        "%(count)s sessions (%(hours)s hours) of RSC from a qualified provider about the RSC "
        "you provide.",
        staff="%(count)s session (%(hours)s hours) of RSC from a qualified provider about the "
              "RSC the applicant provides.",
        staff_other="%(count)s sessions (%(hours)s hours) of RSC from a qualified provider "
                    "about the RSC the applicant provides.",
        count="count"),
    "ers.receiving.none": T(
        "No RSC on file from a qualified provider (with the ERS add-on, or a Mental Health "
        "Mentor – Clinical) about the RSC you provide to others.",
        staff="No RSC on file from a qualified provider (with the ERS add-on, or a Mental "
              "Health Mentor – Clinical) about the RSC the applicant provides to others."),
    "ers.training.met": T(
        "%(have)s hours of training on providing RSC; at least %(need)s needed."),
    "ers.training.short": T(
        "You have %(have)s of %(need)s hours of training on providing RSC; %(more)s more "
        "needed.",
        staff="The applicant has %(have)s of %(need)s hours of training on providing RSC; "
              "%(more)s more needed."),
    "ers.training.since.met": T(
        "%(have)s hours of training on providing RSC since Emerging status was approved "
        "(%(since)s); at least %(need)s needed."),
    "ers.training.since.short": T(
        "You have %(have)s of %(need)s hours of training on providing RSC since Emerging "
        "status was approved (%(since)s); %(more)s more needed.",
        staff="The applicant has %(have)s of %(need)s hours of training on providing RSC "
              "since Emerging status was approved (%(since)s); %(more)s more needed."),
    "ers.deadline.na": T("Applies only when completing Emerging status."),
    "ers.deadline.ok": T(
        "Emerging status was approved on %(date)s; the full requirements are due within "
        "%(years)s years (%(left)s day left).",
        "Emerging status was approved on %(date)s; the full requirements are due within "
        "%(years)s years (%(left)s days left).", count="left"),
    "ers.deadline.lapsed": T(
        "Emerging status approved on %(date)s has lapsed: the full requirements were due "
        "within %(years)s years. The Endorsement Coordinator reviews what follows."),
    "ers.deadline.future": T(
        "Emerging status is dated %(date)s, after the decision day: it has not been approved "
        "yet."),
    # --- renewal ---------------------------------------------------------------------
    "renewal.training.met": T(
        _HAVE_HOURS + " of relationship-based training between %(start)s and %(end)s; at "
        "least %(need)s needed."),
    "renewal.training.short": T(
        "You have %(have)s of %(need)s hours of relationship-based training between %(start)s "
        "and %(end)s; %(more)s more needed.",
        staff="The endorsee has %(have)s of %(need)s hours of relationship-based training "
              "between %(start)s and %(end)s; %(more)s more needed."),
    "renewal.outside": T(
        "%(hours)s hour dated outside this renewal period is not counted.",
        "%(hours)s hours dated outside this renewal period are not counted.", count="hours"),
    "renewal.rsc_training.recommended": T(
        "Recommended, not required, at Level IV-C: at least %(need)s hours of training about "
        "providing reflective supervision/consultation."),
    "renewal.rsc_training.na": T(
        "Required only at Level III for endorsees who provide reflective "
        "supervision/consultation to others."),
    "renewal.rsc_training.met": T(
        _HAVE_HOURS + " of training about providing reflective supervision/consultation "
        "between %(start)s and %(end)s; at least %(need)s needed."),
    "renewal.rsc_training.short": T(
        "You have %(have)s of %(need)s hours of training about providing reflective "
        "supervision/consultation between %(start)s and %(end)s; %(more)s more needed.",
        staff="The endorsee has %(have)s of %(need)s hours of training about providing "
              "reflective supervision/consultation between %(start)s and %(end)s; %(more)s "
              "more needed."),
    "renewal.rsc.na": T("Not required at Level %(category)s; reflective "
                        "supervision/consultation is recommended."),
    "renewal.rsc.exempt": T(
        "Not required: you have held Level IV-C for at least %(years)s years (since "
        "%(date)s). It is still strongly recommended if you provide direct service or "
        "reflective supervision/consultation.",
        staff="Not required: the endorsee has held Level IV-C for at least %(years)s years "
              "(since %(date)s). It is still strongly recommended if they provide direct "
              "service or reflective supervision/consultation."),
    "renewal.rsc.met": T(
        _HAVE_HOURS + " of RSC with %(who)s between %(start)s and %(end)s; at least %(need)s "
        "needed."),
    "renewal.rsc.short": T(
        "You have %(have)s of %(need)s hours of RSC with %(who)s between %(start)s and "
        "%(end)s; %(more)s more needed.",
        staff="The endorsee has %(have)s of %(need)s hours of RSC with %(who)s between "
              "%(start)s and %(end)s; %(more)s more needed."),
    "renewal.membership.ok": T("%(association)s membership is paid through %(date)s."),
    "renewal.membership.none": T("No %(association)s membership is on file."),
    "renewal.membership.short": T(
        "%(association)s membership is paid only through %(date)s; it must be renewed past "
        "%(end)s."),
}


def _english(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _forms(t: Template) -> tuple[tuple[str, str], tuple[str, str]]:
    """((applicant singular, plural), (staff singular, plural))."""
    other = t.other or t.one
    staff_one = t.staff_one or t.one
    staff_other = t.staff_other or t.staff_one or other
    return (t.one, other), (staff_one, staff_other)


# message id -> (singular, plural, count parameter), one table per audience, built once
_APPLICANT_FORMS: Final = {key: (*_forms(t)[0], t.plural_by) for key, t in CATALOG.items()}
_STAFF_FORMS: Final = {key: (*_forms(t)[1], t.plural_by) for key, t in CATALOG.items()}
_SEPARATOR: Final = Msg("list.separator")


class _Voice:
    """How the engine speaks to one audience in one language: the catalog's forms, each
    template as its translator gave it the first time it was needed (``singulars``,
    ``plurals``; English: none), and the phrases without parameters as said (``plain``:
    "infant mental health")."""

    __slots__ = ("forms", "english", "singulars", "plurals", "plain", "kept")

    def __init__(self, audience: str, english: bool) -> None:
        self.forms = _STAFF_FORMS if audience == "staff" else _APPLICANT_FORMS
        self.english = english
        # message id -> its singular (plural) template as translated
        self.singulars: dict[str, str] = {}
        self.plurals: dict[str, str] = {}
        self.plain: dict[str, str] = {}
        # what callers made from paragraphs said in this voice: see paragraphs_kept()
        self.kept = ByIdentity()
        if english:
            self.plain = {key: (one if count is None else other)
                          for key, (one, other, count) in self.forms.items()}


_ENGLISH: Final = {audience: _Voice(audience, True) for audience in AUDIENCES}


def _voice(audience: str, translate: Translate | None, remember: bool) -> _Voice:
    """The voice for ``audience`` in ``translate``'s language. A translator from the
    source (``remember``) keeps its voices, and so the templates it gave (the last 64
    translators are remembered)."""
    if translate is None:
        return _ENGLISH[audience]
    if not remember:
        return _Voice(audience, False)
    voices: dict[str, _Voice] | None = _VOICES.get(translate)
    if voices is None:
        voices = _VOICES.put(translate, {a: _Voice(a, False) for a in AUDIENCES})
    return voices[audience]


# translator -> its voice per audience. A source hands out a few translators (one a
# language, a new one when the catalogs change): past 64 all start again.
_VOICES: Final = ByIdentity(64)


# Where the translator comes from when a caller passes none: the web layer registers a
# function that gives the translator of the active language (endorsement.apps), asked once
# per paragraph or verdict, so every sentence it shows follows the active language; the
# engine on its own (tests, the command line, bench) speaks English.
_translator_source: Final[list[Callable[[], Translate | None] | None]] = [None]


def set_translator_source(source: Callable[[], Translate | None] | None) -> None:
    """Register the function :func:`render` asks for its ``(singular, plural, n) -> str``
    translator when given none (None, or a source giving None: English).

    A translator it gives is asked each template once and its answers are kept with it (the
    last 64 translators are remembered): it must answer the same every time (hand out a new one when
    the catalogs change, as ``endorsement.i18n.engine_translator`` does)."""
    _translator_source[0] = source


def active_translate() -> Translate | None:
    """The translator of the moment (see :func:`set_translator_source`); None is English."""
    source = _translator_source[0]
    return None if source is None else source()


def render_one(msg: Msg, audience: str = "applicant", translate: Translate | None = None
               ) -> str:
    """One message as a sentence (or phrase) for ``audience``.

    A translation whose placeholders do not match the English (a typo such as
    ``%(nmae)s``) never shows raw: the English sentence is used instead."""
    voice, translate = _speaking(audience, translate)
    return _render_one(msg, voice, translate)


def _render_one(msg: Msg, voice: _Voice, translate: Translate | None) -> str:
    one, other, count = voice.forms[msg.id]
    # a plain dict (as nearly every Msg has) is read as one, quicker than any Mapping
    params = msg.params if isinstance(msg.params, dict) else dict(msg.params)
    if count is None or (n := params.get(count)) == 1 or n == "1":
        english, plural = one, False
    else:
        english, plural = other, True
    if voice.english:
        text = english
    else:
        said = voice.plurals if plural else voice.singulars
        known = said.get(msg.id)
        if known is None:
            assert translate is not None   # only the English voices have no translator
            known = said[msg.id] = translate(one, other, 2 if plural else 1)
        text = known
    if not params:
        return text if "%(" not in text else english
    said_text = _fill(text, params, voice, translate)
    if said_text is None:   # a translation whose placeholders do not match the English
        said_text = _fill(english, params, voice, translate)
    return said_text if said_text is not None else english % params   # (raises: a bug)


def _fill(text: str, params: dict[str, Any], voice: _Voice, translate: Translate | None
          ) -> str | None:
    """``text % params`` for ``%(name)s`` placeholders (a phrase parameter rendered first),
    or None when ``text`` names a parameter that is missing or has another ``%`` in it.

    Each text is split at its placeholders once (:func:`_split`), so a sentence costs a few
    look-ups and one join rather than parsing the template again every time."""
    parts = _SPLIT.get(text)
    if parts is None:
        parts = _SPLIT[text] = _split(text)
    if not parts:
        return None
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        value = params.get(parts[i], _MISSING)
        if value is _MISSING:
            return None
        if type(value) is Msg or type(value) is tuple:
            out.append(_phrase(value, voice, translate))
        else:
            out.append(value if type(value) is str else str(value))
        out.append(parts[i + 1])
    return "".join(out)


def _split(text: str) -> tuple[str, ...]:
    """``"You have %(have)s hours"`` -> ``("You have ", "have", " hours")``: literal text and
    placeholder names in turn (``%%`` is a literal ``%``); ``()`` when another ``%`` appears."""
    parts: list[str] = []
    literal = ""
    at = 0
    for match in _PLACEHOLDER.finditer(text):
        literal += text[at:match.start()]
        at = match.end()
        if match.group(0) == "%%":
            literal += "%"
        elif match.group(1) is None:
            return ()   # a lone %, or a conversion other than %(name)s
        else:
            parts += [literal, match.group(1)]
            literal = ""
    return (*parts, literal + text[at:])


_PLACEHOLDER: Final = re.compile(r"%%|%\((\w+)\)s|%")
_SPLIT: Final[dict[str, tuple[str, ...]]] = {}   # a text -> its parts (bounded by the catalogs)
_MISSING: Final = object()


def _phrase(value: Msg | tuple, voice: _Voice, translate: Translate | None) -> str:
    """A phrase rendered, or a tuple of phrases joined ("a, b, c")."""
    if isinstance(value, Msg):
        if value.params:
            return _render_one(value, voice, translate)
        text = voice.plain.get(value.id)   # a phrase without parameters, said once
        if text is None:
            text = voice.plain[value.id] = _render_one(value, voice, translate)
        return text
    plain = voice.plain   # a list: a phrase already said is looked up directly
    return _phrase(_SEPARATOR, voice, translate).join([
        (type(v) is Msg and not v.params and plain.get(v.id))
        or (_phrase(v, voice, translate) if type(v) is Msg or type(v) is tuple else str(v))
        for v in value])


def render(messages: tuple[Msg, ...] | list[Msg], audience: str = "applicant",
           translate: Translate | None = None) -> str:
    """The messages as one paragraph for ``audience`` (``"applicant"`` or ``"staff"``), in
    ``translate``'s language (by default the active one: :func:`active_translate`)."""
    return paragraphs(audience, translate)(messages)


def paragraphs(audience: str = "applicant", translate: Translate | None = None
               ) -> Callable[[tuple[Msg, ...] | list[Msg]], str]:
    """:func:`render` with ``audience`` and the language settled once, for the many
    paragraphs of one verdict: ``say = paragraphs("staff"); say(row.messages)``."""
    voice, translate = _speaking(audience, translate)
    return _say(voice, translate)


def paragraphs_kept(audience: str = "applicant"
                    ) -> tuple[Callable[[tuple[Msg, ...] | list[Msg]], str], ByIdentity]:
    """:func:`paragraphs` in the active language, and what is kept with that voice (while
    its translator is remembered) of what callers made from its paragraphs, by the object
    they made it from. ``Verdict.as_dict`` keeps each row it wrote, for the rows that are the
    very same object case after case."""
    voice, translate = _speaking(audience, None)
    return _say(voice, translate), voice.kept


def _say(voice: _Voice, translate: Translate | None
         ) -> Callable[[tuple[Msg, ...] | list[Msg]], str]:
    def say(messages: tuple[Msg, ...] | list[Msg]) -> str:
        if len(messages) == 1:
            return _render_one(messages[0], voice, translate)
        return " ".join([_render_one(m, voice, translate) for m in messages])

    return say


def _speaking(audience: str, translate: Translate | None
              ) -> tuple[_Voice, Translate | None]:
    """The voice for ``audience`` in ``translate``'s language (by default the active one),
    and that translator."""
    if audience != "applicant" and audience != "staff":
        raise ValueError(f"audience: must be one of {', '.join(AUDIENCES)}")
    if translate is not None:
        return _voice(audience, translate, remember=False), translate
    translate = active_translate()
    return _voice(audience, translate, remember=True), translate


def catalog_strings() -> Iterator[tuple[str, str | None]]:
    """Every ``(singular, plural)`` string pair of the catalog, for ``makemessages``."""
    for t in CATALOG.values():
        yield t.one, t.other
        if t.staff_one:
            yield t.staff_one, t.staff_other


def term(kind: str, program: str) -> Msg:
    """The program's own word: ``term("field", "ECMH-E")`` -> "early childhood mental
    health"."""
    known = _TERMS.get((kind, program))
    return known if known is not None else Msg(f"term.{kind}.{program}")


_TERMS: Final = {tuple(key.split(".")[1:]): Msg(key) for key in CATALOG if key.startswith("term.")}
