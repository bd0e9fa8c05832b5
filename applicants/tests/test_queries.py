"""The task list and section pages make the same number of queries at 1 and at 3 rows."""
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
