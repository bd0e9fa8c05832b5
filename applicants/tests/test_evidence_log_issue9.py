"""One evidence log per person (issue 9): an application reads its applicant's whole log (rows
added for a renewal too), edits them with its own pages, and existing rows moved to their
applicant's log in the migration."""
import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from applicants.models import EvidenceLog, RscSession, TrainingEntry
from applicants.services import Dossier
from applicants.tests.factories import ApplicationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def test_a_row_entered_on_an_application_joins_the_applicants_log(applicant):
    application = ApplicationFactory(applicant=applicant)
    row = TrainingFactory(application=application)
    assert row.log == EvidenceLog.objects.get(user=applicant)


def test_the_application_reads_rows_added_for_a_renewal(applicant, other_applicant):
    application = ApplicationFactory(applicant=applicant)
    TrainingEntry.objects.create(log=EvidenceLog.of(applicant), title="Renewal year",
                                 sponsor="X", date=dt.date(2025, 5, 5), hours=6)
    TrainingEntry.objects.create(log=EvidenceLog.of(other_applicant), title="Not mine",
                                 sponsor="X", date=dt.date(2025, 5, 5), hours=6)
    assert [t.title for t in Dossier(application).training] == ["Renewal year"]


def test_the_application_edits_a_log_row_and_a_stranger_gets_404(client, applicant,
                                                                 other_applicant):
    from endorsement.testing.clients import sign_in_client

    application = ApplicationFactory(applicant=applicant)
    row = TrainingEntry.objects.create(log=EvidenceLog.of(applicant), title="Renewal year",
                                       sponsor="X", date=dt.date(2025, 5, 5), hours=6)
    sign_in_client(client, applicant)
    url = reverse("applicants:training_edit", kwargs={"pk": application.pk, "row_id": row.pk})
    assert client.get(url).status_code == 200
    mine = ApplicationFactory(applicant=other_applicant)
    client.logout()
    sign_in_client(client, other_applicant)
    url = reverse("applicants:training_edit", kwargs={"pk": mine.pk, "row_id": row.pk})
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_existing_rows_to_their_applicants_log():
    # Before the evidence log (and before the accounts' role grants, whose User columns the
    # old state would not fill).
    before = [("applicants", "0005_saved_forms_work_hours_rsc_kind"),
              ("endorsement", "0003_reminder_claims")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User = old.get_model("endorsement", "User")
    Application = old.get_model("applicants", "Application")
    user = User.objects.create(email="old@example.org", password="!")
    application = Application.objects.create(applicant=user, program="IMH-E", category="II")
    old.get_model("applicants", "TrainingEntry").objects.create(
        application=application, title="t", sponsor="s", date=dt.date(2024, 1, 1), hours=3)
    old.get_model("applicants", "RscSession").objects.create(
        application=application, date=dt.date(2024, 1, 1), hours=1, format="group",
        provider_name="p", provider_degree="master")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert TrainingEntry.objects.get().log.user_id == user.pk
    assert RscSession.objects.get().log.user_id == user.pk
    assert EvidenceLog.objects.count() == 1
