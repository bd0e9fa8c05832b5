"""Words the applicant forms use, in plain language, mapped to the engine's vocabulary."""
from django.utils.translation import gettext_lazy

from endorsement.guidelines import DEGREE_TYPES, ENDORSEMENT_LEVELS, LEADERSHIP_SCOPES, RSC_FORMATS
from endorsement.i18n import term_choices

AGREEMENTS_VERSION = "2026-01"

DEGREE_CHOICES = term_choices(DEGREE_TYPES)
SCOPE_CHOICES = term_choices(LEADERSHIP_SCOPES)
FORMAT_CHOICES = term_choices(RSC_FORMATS)
ENDORSEMENT_CHOICES = (("", gettext_lazy("Not endorsed (or I don't know)")),
                       *term_choices(ENDORSEMENT_LEVELS))

# CASES.md work kinds, described the way people describe their own jobs.
WORK_KIND_CHOICES = (
    ("early_childhood", gettext_lazy(
        "Caring for or teaching babies and young children (for example child care, preschool, "
        "early education)")),
    ("infant_family", gettext_lazy(
        "Supporting families with babies or young children (for example home visiting, Early "
        "Intervention, family support)")),
    ("imh_specialized", gettext_lazy(
        "Working with a parent and child together on their relationship (for example "
        "infant-parent psychotherapy)")),
    ("rsc_provider", gettext_lazy(
        "Giving reflective supervision or consultation to other professionals")),
    ("policy_leadership", gettext_lazy(
        "Leading policy work or running programs for young children and families")),
    ("faculty_research", gettext_lazy(
        "Teaching at a college or university, or publishing research")),
)
WORK_KIND_LABELS = dict(WORK_KIND_CHOICES)

# Examples of Leadership Activities (MA L3406-3541, REQUIREMENTS.md §3.4): not a checklist,
# a list to pick from. Keyed so a change of wording does not change stored answers.
LEADERSHIP_EXAMPLES = {
    "reflective_groups": gettext_lazy(
        "Organize or facilitate reflective practice groups or infant mental health study "
        "groups"),
    "provide_rsc": gettext_lazy(
        "Provide reflective supervision/consultation to infant mental health practitioners"),
    "system_of_care": gettext_lazy("Take part in system-of-care planning"),
    "plan_conferences": gettext_lazy(
        "Plan regional, state or national infant mental health conferences"),
    "national_planning": gettext_lazy(
        "Represent infant mental health in planning national early childhood, child welfare, "
        "behavioral or public health conferences"),
    "endorsed_preference": gettext_lazy(
        "Work to increase preference for Endorsed staff in service contracts and child care "
        "rating systems"),
    "reimbursement": gettext_lazy("Work on reimbursement for infant mental health services"),
    "association": gettext_lazy(
        "Leadership in a local or state infant mental health association"),
    "policy_feedback": gettext_lazy(
        "Give feedback to state agencies on infant mental health policies"),
    "present_systems": gettext_lazy(
        "Present on infant mental health across early childhood systems"),
    "planning_groups": gettext_lazy(
        "Take part in planning groups that promote infant mental health in early childhood "
        "systems"),
    "policy_groups": gettext_lazy("Serve on regional, state or national policy-making groups"),
    "policy_papers": gettext_lazy("Publish policy briefs, white papers or position statements"),
    "legislation": gettext_lazy(
        "Analyze the impact of proposed laws or policies on families with young children"),
    "certificate_programs": gettext_lazy(
        "Lead graduate certificate programs in infant mental health"),
    "syllabi": gettext_lazy(
        "Work across departments to bring infant mental health competencies into course "
        "syllabi"),
    "doctoral_committees": gettext_lazy(
        "Serve on doctoral committees for infant mental health topics"),
    "publish": gettext_lazy("Present or publish on infant mental health promotion or practice"),
}
LEADERSHIP_EXAMPLES_BY_TRACK = {
    "clinical": ("reflective_groups", "provide_rsc", "system_of_care", "plan_conferences",
                 "national_planning", "endorsed_preference", "reimbursement", "association"),
    "policy": ("policy_feedback", "present_systems", "planning_groups", "policy_groups",
               "policy_papers", "legislation", "reimbursement", "endorsed_preference",
               "association"),
    "research_faculty": ("certificate_programs", "syllabi", "doctoral_committees",
                         "plan_conferences", "publish", "association"),
}


def leadership_example_choices(track: str | None) -> tuple[tuple[str, str], ...]:
    keys = LEADERSHIP_EXAMPLES_BY_TRACK.get(track or "", tuple(LEADERSHIP_EXAMPLES))
    return tuple((k, LEADERSHIP_EXAMPLES[k]) for k in keys)


PREFER_NOT = ("prefer_not", gettext_lazy("Prefer not to say"))
GENDER_CHOICES = (
    ("", "—"),
    ("woman", gettext_lazy("Woman")),
    ("man", gettext_lazy("Man")),
    ("nonbinary", gettext_lazy("Non-binary")),
    ("self_describe", gettext_lazy("Another gender")),
    PREFER_NOT,
)
RACE_ETHNICITY_CHOICES = (
    ("american_indian", gettext_lazy("American Indian or Alaska Native")),
    ("asian", gettext_lazy("Asian")),
    ("black", gettext_lazy("Black or African American")),
    ("hispanic", gettext_lazy("Hispanic or Latino/a/x")),
    ("middle_eastern", gettext_lazy("Middle Eastern or North African")),
    ("pacific_islander", gettext_lazy("Native Hawaiian or Pacific Islander")),
    ("white", gettext_lazy("White")),
    ("other", gettext_lazy("Another race or ethnicity")),
    PREFER_NOT,
)
AGE_RANGE_CHOICES = (
    ("", "—"),
    ("under_30", gettext_lazy("Under 30")),
    ("30_39", gettext_lazy("30 to 39")),
    ("40_49", gettext_lazy("40 to 49")),
    ("50_59", gettext_lazy("50 to 59")),
    ("60_plus", gettext_lazy("60 or older")),
    PREFER_NOT,
)

# What kind of supervision a session was: only reflective supervision/consultation counts.
SUPERVISION_KIND_CHOICES = (
    ("rsc", gettext_lazy("Reflective supervision/consultation (about the relationships in my "
                         "work and my own responses to it)")),
    ("administrative", gettext_lazy("Administrative supervision (schedules, paperwork, "
                                    "policies)")),
    ("clinical", gettext_lazy("Clinical case supervision only (what to do next with a case)")),
)
