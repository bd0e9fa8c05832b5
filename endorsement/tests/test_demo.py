"""`manage.py seed_demo` gives every role something to see, and a second run adds nothing."""
import pytest
from django.apps import apps
from django.core.management import call_command

from applicants.models import Application, Status
from endorsement.models import Role, User

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"endorsement", "applicants", "references", "reviews"}
        and model._meta.label != "endorsement.OutboundEmail"
    }


def test_demo_data_covers_every_role_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = row_counts()
    output = capsys.readouterr().out
    for email in ("applicant@demo.test", "coordinator@demo.test", "reviewer@demo.test",
                  "advisor@demo.test"):
        assert email in output
    assert "demo-password-2026" in output

    statuses = set(Application.objects.values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED, Status.RETURNED} <= statuses
    assert len(set(Application.objects.values_list("category", flat=True))) >= 3
    reviewer = User.objects.get(email="reviewer@demo.test", role=Role.REVIEWER)
    assert reviewer.review_assignments.exists()
    assert Application.objects.filter(advisor__role=Role.ADVISOR).exists()

    call_command("seed_demo")
    assert row_counts() == first


def test_demo_has_a_renewal_waiting_for_the_coordinator(monkeypatch):
    """In the renewal window (here December 3), the demo reviewer's renewal is submitted, so the
    coordinator's Renewals queue has work; the demo applicant's own renewal is open."""
    import datetime as dt

    from django.utils import timezone

    from endorsement.renewals.models import Renewal, RenewalStatus

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 12, 3))
    call_command("seed_demo")
    waiting = Renewal.objects.get(holder__email="reviewer@demo.test")
    assert waiting.status == RenewalStatus.SUBMITTED and waiting.fee_due > 0
    assert Renewal.objects.filter(holder__email="applicant@demo.test").exists()
