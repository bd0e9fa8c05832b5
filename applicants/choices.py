"""Words the applicant forms use, in plain language, mapped to the engine's vocabulary."""
from django.utils.translation import gettext_lazy

from endorsement.guidelines import DEGREE_TYPES, ENDORSEMENT_LEVELS, LEADERSHIP_SCOPES, RSC_FORMATS
from endorsement.guidelines import choices as term_choices

AGREEMENTS_VERSION = "2026-01"

DEGREE_CHOICES = term_choices(DEGREE_TYPES)
SCOPE_CHOICES = term_choices(LEADERSHIP_SCOPES)
FORMAT_CHOICES = term_choices(RSC_FORMATS)
ENDORSEMENT_CHOICES = (("", "Not endorsed (or I don't know)"), *term_choices(ENDORSEMENT_LEVELS))

# CASES.md work kinds, described the way people describe their own jobs.
WORK_KIND_CHOICES = (
    ("early_childhood", "Caring for or teaching babies and young children "
                        "(for example child care, preschool, early education)"),
    ("infant_family", "Supporting families with babies or young children "
                      "(for example home visiting, Early Intervention, family support)"),
    ("imh_specialized", "Working with a parent and child together on their relationship "
                        "(for example infant-parent psychotherapy)"),
    ("rsc_provider", "Giving reflective supervision or consultation to other professionals"),
    ("policy_leadership", "Leading policy work or running programs for young children "
                          "and families"),
    ("faculty_research", "Teaching at a college or university, or publishing research"),
)
WORK_KIND_LABELS = dict(WORK_KIND_CHOICES)

# Examples of Leadership Activities (MA L3406-3541, REQUIREMENTS.md §3.4): not a checklist,
# a list to pick from. Keyed so a change of wording does not change stored answers.
LEADERSHIP_EXAMPLES = {
    "reflective_groups": "Organize or facilitate reflective practice groups or infant mental "
                         "health study groups",
    "provide_rsc": "Provide reflective supervision/consultation to infant mental health "
                   "practitioners",
    "system_of_care": "Take part in system-of-care planning",
    "plan_conferences": "Plan regional, state or national infant mental health conferences",
    "national_planning": "Represent infant mental health in planning national early childhood, "
                         "child welfare, behavioral or public health conferences",
    "endorsed_preference": "Work to increase preference for Endorsed staff in service "
                           "contracts and child care rating systems",
    "reimbursement": "Work on reimbursement for infant mental health services",
    "association": "Leadership in a local or state infant mental health association",
    "policy_feedback": "Give feedback to state agencies on infant mental health policies",
    "present_systems": "Present on infant mental health across early childhood systems",
    "planning_groups": "Take part in planning groups that promote infant mental health in "
                       "early childhood systems",
    "policy_groups": "Serve on regional, state or national policy-making groups",
    "policy_papers": "Publish policy briefs, white papers or position statements",
    "legislation": "Analyze the impact of proposed laws or policies on families with "
                   "young children",
    "certificate_programs": "Lead graduate certificate programs in infant mental health",
    "syllabi": "Work across departments to bring infant mental health competencies into "
               "course syllabi",
    "doctoral_committees": "Serve on doctoral committees for infant mental health topics",
    "publish": "Present or publish on infant mental health promotion or practice",
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


PREFER_NOT = ("prefer_not", "Prefer not to say")
GENDER_CHOICES = (
    ("", "—"),
    ("woman", "Woman"),
    ("man", "Man"),
    ("nonbinary", "Non-binary"),
    ("self_describe", "Another gender"),
    PREFER_NOT,
)
RACE_ETHNICITY_CHOICES = (
    ("american_indian", "American Indian or Alaska Native"),
    ("asian", "Asian"),
    ("black", "Black or African American"),
    ("hispanic", "Hispanic or Latino/a/x"),
    ("middle_eastern", "Middle Eastern or North African"),
    ("pacific_islander", "Native Hawaiian or Pacific Islander"),
    ("white", "White"),
    ("other", "Another race or ethnicity"),
    PREFER_NOT,
)
AGE_RANGE_CHOICES = (
    ("", "—"),
    ("under_30", "Under 30"),
    ("30_39", "30 to 39"),
    ("40_49", "40 to 49"),
    ("50_59", "50 to 59"),
    ("60_plus", "60 or older"),
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
