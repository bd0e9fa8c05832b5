"""What a category requires, in a few plain lines, for the finder before anyone starts."""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from endorsement.guidelines import get_edition
from endorsement.guidelines.finder import FinderQuestion
from endorsement.guidelines.vocabulary import DEGREE_RANK

DEGREE_WORDS = {
    "associate": gettext_lazy("a CDA credential, an associate's degree in a related field, "
                              "or two years of paid work with young children"),
    "bachelor": gettext_lazy("a bachelor's degree or higher"),
    "master": gettext_lazy("a master's degree or higher"),
}


def _years(days: int) -> str:
    years = days // 365
    return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}


def summary(category: str) -> list[str]:
    """One line per requirement of ``category`` (I, II, III, IV-C, IV-P, IV-RF)."""
    ed = get_edition()
    level = category.split("-")[0]
    lines = [_("Education: %(what)s, with official transcripts.") % {
        "what": DEGREE_WORDS.get(ed.education[level].value, ed.education[level].value)}]
    hours = ed.training_hours[level].value
    lines.append(ngettext("Training: at least %(n)d clock hour of relationship-based training.",
                          "Training: at least %(n)d clock hours of relationship-based training.",
                          hours) % {"n": hours})
    work = {"I": ed.level_i_work_days, "II": ed.level_ii_work_days,
            "III": ed.level_iii_work_days}.get(level) or ed.mentor_work_days.get(category)
    if work is not None and level != "I":
        lines.append(_("Work: at least %(years)s of paid work in the field.") % {
            "years": _years(work.value)})
    rsc = ed.rsc_hours.get(category)
    if rsc is not None:
        lines.append(ngettext(
            "Reflective supervision/consultation: %(n)d hour received within two years.",
            "Reflective supervision/consultation: %(n)d hours received within two years.",
            rsc.value) % {"n": rsc.value})
    if level == "IV":
        lines.append(_("Leadership: at least one activity at the regional, state or national "
                       "level."))
    lines.append(_("Three reference ratings from people who know your work."))
    if category in ed.exam_categories.value:
        lines.append(_("A written examination after the coordinator's review."))
    lines.append(_("The Code of Ethics and Endorsement® Agreement signed, membership and the "
                   "fee."))
    return lines


DEGREE_QUESTION = FinderQuestion(
    "degree", gettext_lazy("What is the highest degree or credential you have completed?"),
    (("none", gettext_lazy("None yet (high school or some college)")),
     ("cda", gettext_lazy("A Child Development Associate (CDA) credential")),
     ("associate", gettext_lazy("An associate's degree")),
     ("bachelor", gettext_lazy("A bachelor's degree")),
     ("master", gettext_lazy("A master's degree")),
     ("doctorate", gettext_lazy("A doctorate"))),
)


def degree_note(category: str, degree: str | None) -> str:
    """A plain warning when the degree given is below what ``category`` asks for."""
    level = category.split("-")[0]
    needed = get_edition().education[level].value
    if level == "I" or degree is None:  # Level I also takes two years of paid work
        return ""
    if DEGREE_RANK.get(degree, 0) >= DEGREE_RANK.get(needed, 0):
        return ""
    return _("This category asks for %(what)s, and you told us your highest is lower. You "
             "can start now and add the degree when it is awarded, or ask the Endorsement® "
             "Coordinator whether another level fits you better.") % {
                 "what": DEGREE_WORDS.get(needed, needed)}
