"""The emails about reference requests. Applicants only ever hear about status, never content."""
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from endorsement.i18n import language_for_email, long_date
from endorsement.mail import queue_mail

# Who reads a rating, said the same way in the waiver, the rater's pages and every email.
# Coordinators open ratings (references:coordinator_application) and the reviewers assigned to
# the application read them once they declared no conflict (reviews:review).
WHO_READS = _("Only the association's Endorsement® coordinators and the reviewers assigned to "
              "the application read it; the applicant never sees it.")


def _queue(ref, template: str, to: str, context: dict) -> None:
    """Queue one email, linked to the application it is about (shown in its history).
    The rater's emails are in the language chosen for them; anyone else's in the language
    of their account (queue_mail looks it up)."""
    language = (ref.language if to.lower() == ref.rater_email.lower()
                else language_for_email(to))
    with translation.override(language):  # the words the context carries, in that language
        context = {**context, "expires_on": _expires_on(ref), "who_reads": str(WHO_READS)}
    queue_mail(template, to, context, about=ref.application, language=language)


def _context(ref, **extra) -> dict:
    app = ref.application
    return {
        "rater_name": ref.rater_name,
        "applicant_name": app.applicant.display_name,
        "level": app.get_category_display(),
        "program": app.program,
        "expires_on": _expires_on(ref),
        "who_reads": str(WHO_READS),
        **extra,
    }


def _expires_on(ref) -> str:
    """"January 15, 2027"; in Spanish "15 de enero de 2027"."""
    return long_date(ref.token_expires_at)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _section_url(ref) -> str:
    return _site(reverse("references:section", args=[ref.application_id]))


def _coordinator_url(ref) -> str:
    return _site(reverse("references:coordinator_application", args=[ref.application_id]))


def invitation(ref, link: str, resent: bool = False) -> None:
    _queue(ref, "references_request", ref.rater_email,
               _context(ref, link=link, resent=resent, known_for=ref.known_for))


def reminder(ref, link: str, final: bool = False) -> None:
    _queue(ref, "references_reminder", ref.rater_email, _context(ref, link=link, final=final))


def submitted(ref, rating, coordinators: list[str], not_counted: str = "") -> None:
    _queue(ref, "references_thanks", ref.rater_email, _context(ref))
    _queue(ref, "references_arrived", ref.application.applicant.email,
           _context(ref, section_url=_section_url(ref), not_counted=not_counted))
    if rating.flagged:
        # A coordinator who applied never hears of their own raters' flags.
        applicant = ref.application.applicant.email.lower()
        for email in (e for e in coordinators if e.lower() != applicant):
            _queue(ref, "references_flagged", email, _context(
                ref, count=rating.not_enough_info_count, url=_coordinator_url(ref)))


def declined(ref, coordinators: list[str]) -> None:
    _queue(ref, "references_declined", ref.application.applicant.email,
               _context(ref, url=_section_url(ref), for_coordinator=False))
    for email in coordinators:
        _queue(ref, "references_declined", email,
                   _context(ref, url=_coordinator_url(ref), for_coordinator=True))


def expired(ref, coordinators: list[str]) -> None:
    _queue(ref, "references_expired", ref.application.applicant.email,
               _context(ref, url=_section_url(ref), for_coordinator=False))
    for email in coordinators:
        _queue(ref, "references_expired", email,
                   _context(ref, url=_coordinator_url(ref), for_coordinator=True))


def set_aside(ref, reason: str) -> None:
    """Ask the applicant for another rater: this rating will not count."""
    _queue(ref, "references_set_aside", ref.application.applicant.email,
           _context(ref, url=_section_url(ref), reason=reason))
