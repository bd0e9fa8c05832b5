"""The task list and section pages make the same number of queries at 1 and at 3 rows, and
few: the application's answers and the rows its case and panels read come in one query."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants.tests.factories import (
    ApplicationFactory,
    DegreeFactory,
    LeadershipFactory,
    ProfileFactory,
    RscFactory,
    TrainingFactory,
    WorkFactory,
    sign_both,
)

pytestmark = pytest.mark.django_db

FACTORIES = {"degrees": DegreeFactory, "training": TrainingFactory, "work": WorkFactory,
             "rsc": RscFactory, "leadership": LeadershipFactory}
PAGES = ["application", "review", "submitted", "degrees", "training", "work", "rsc",
         "leadership", "agreements", "membership", "profile"]


def rows(application, count):
    for factory in FACTORIES.values():
        factory.create_batch(count, application=application)


@pytest.mark.parametrize("name", PAGES)
def test_same_number_of_queries_at_one_and_three_rows(client, applicant, name,
                                                      django_assert_num_queries):
    ProfileFactory(user=applicant)
    one = ApplicationFactory(applicant=applicant, category="IV-C")
    three = ApplicationFactory(applicant=applicant, category="IV-C")
    rows(one, 1)
    rows(three, 3)
    sign_both(one)
    sign_both(three)
    client.force_login(applicant)
    client.get(reverse("applicants:home"))  # warm the session
    with CaptureQueriesContext(connection) as at_one:
        assert client.get(reverse(f"applicants:{name}", kwargs={"pk": one.pk})).status_code \
            == 200
    with django_assert_num_queries(len(at_one.captured_queries)):
        assert client.get(reverse(f"applicants:{name}", kwargs={"pk": three.pk})).status_code \
            == 200


# session, user, the application, then its answers with the exam results the case reads (and
# on the pages that show the panels, the fee panel's rows) in one query; then what the page
# adds: the coordinator's messages (the task list); how to pay (the fee panel, fees still
# due); the timeline and messages (the submitted view); the membership on file.
QUERIES = {"application": 5, "review": 4, "submitted": 7, "degrees": 4, "training": 4,
           "work": 4, "rsc": 4, "leadership": 4, "agreements": 4, "membership": 6, "profile": 4}


def test_each_page_reads_its_answers_in_one_query(client, applicant, django_assert_num_queries):
    ProfileFactory(user=applicant)
    application = ApplicationFactory(applicant=applicant, category="IV-C")
    rows(application, 3)
    sign_both(application)
    client.force_login(applicant)
    client.get(reverse("applicants:home"))  # warm the session
    for name, expected in QUERIES.items():
        with django_assert_num_queries(expected):
            response = client.get(reverse(f"applicants:{name}", kwargs={"pk": application.pk}))
        assert response.status_code == 200, name
