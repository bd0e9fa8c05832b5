"""Helpers for reference tests: an application, asking a rater, reading the emailed link."""
import re

import pytest

from applicants.models import Application
from endorsement.models import OutboundEmail

LINK_RE = re.compile(r"/references/r/([A-Za-z0-9_-]{43})/")

RATER = {
    "rater_name": "Rita Rater", "rater_email": "rita@example.org", "role": "supervisor",
    "known_for": "3 years", "rater_endorsement": "", "rater_endorsement_number": "",
    "waiver_name": "Ana Lopez",
}

ROLES = ["supervisor", "rsc_provider", "colleague"]


@pytest.fixture
def application(applicant):
    return Application.objects.create(applicant=applicant, program="IMH-E", category="II")


def token_for(email: str) -> str:
    """The raw token in the newest email to ``email`` (once sent, the outbox row no longer
    holds it: then it is read from the message that left, as the rater would)."""
    mail = (OutboundEmail.objects.filter(
        to=email, template__in=["references_request", "references_reminder"])
        .order_by("-id").first())
    found = LINK_RE.search(mail.body_text)
    if found is None:
        from django.core import mail as sent

        found = next(m for m in (LINK_RE.search(message.body) for message in
                                 reversed(sent.outbox) if email in message.to) if m)
    return found.group(1)


@pytest.fixture
def ask(application, applicant):
    from references import services

    def ask(n: int = 1, app=None, **overrides):
        # Roles that fill the three places of Levels II and III, one each.
        role = ROLES[(n - 1) % len(ROLES)]
        rater = {**RATER, "rater_email": f"rater{n}@example.org", "rater_name": f"Rater {n}",
                 "role": role, **overrides}
        ref = services.request_reference(app or application, applicant, **rater)
        return ref, token_for(ref.rater_email)

    return ask


def scores(application, value="3", na=0) -> dict:
    from references import services

    areas = services.areas_for(application)
    data = {a.key: ("na" if i < na else value) for i, a in enumerate(areas)}
    return {**data, "recommendation": "recommend", "comments": "Secret remark 7781",
            "rater_endorsement": "", "rater_endorsement_number": ""}
