"""Bad input (issue 14): floods from one address, huge posts, pasted walls of text, search
wildcards and impossible page numbers get a clear answer, never a 500 or a full scan."""
import pytest
from django.urls import reverse

from applicants.tests.factories import ApplicationFactory, ProfileFactory
from endorsement.testing.clients import sign_in_client


@pytest.mark.django_db
def test_a_flood_of_sign_ups_from_one_address_is_slowed_down(client):
    statuses = []
    for n in range(25):
        response = client.post(reverse("account_signup"), {
            "email": f"flood{n}@example.org", "password1": "a long enough secret 1",
            "password2": "a long enough secret 1", "first_name": "Flo", "last_name": "Od"},
            REMOTE_ADDR="203.0.113.9")
        statuses.append(response.status_code)
    assert 500 not in statuses
    assert statuses[-1] == 429  # allauth's "signup": 20 a minute from one address


@pytest.mark.django_db
def test_a_flood_of_verification_look_ups_from_one_address_is_slowed_down(client, settings):
    settings.VERIFY_RATE_PER_MINUTE = 5
    statuses = [client.get(reverse("credentials:verify"), {"number": f"IMH-E-{n}"},
                           REMOTE_ADDR="203.0.113.10").status_code for n in range(8)]
    # an unknown number is a 404 page ("not found"), then the limit answers 429
    assert set(statuses[:5]) == {404} and statuses[5:] == [429] * 3
    other = client.get(reverse("credentials:verify"), {"number": "X"},
                       REMOTE_ADDR="203.0.113.11")
    assert other.status_code == 404


@pytest.mark.django_db
def test_a_ten_megabyte_post_to_a_text_field_gets_a_clear_answer(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    sign_in_client(client, applicant)
    url = reverse("applicants:training_add", args=[application.pk])
    response = client.post(url, {"title": "x" * (10 * 1024 * 1024), "sponsor": "S"})
    assert response.status_code in (400, 413)
    assert b"too large" in response.content.lower() or b"too big" in response.content.lower()


@pytest.mark.django_db
def test_a_thousand_pasted_rows_get_an_error_next_to_the_field(client, applicant):
    application = ApplicationFactory(applicant=applicant)
    ProfileFactory(user=applicant)
    sign_in_client(client, applicant)
    pasted = "\n".join(f"Workshop {n}, MassAIMH, 6 hours" for n in range(1000))
    url = reverse("applicants:training_add", args=[application.pk])
    response = client.post(url + "?once=abcdefghijklmnopqrstuvwxyz", {
        "title": pasted, "sponsor": "MassAIMH", "date": "2024-01-05", "hours": "6"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "200" in str(form.errors["title"])
    assert form["sponsor"].value() == "MassAIMH"  # the other values are kept
    assert not application.training.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("search", ["%", "_", "%%", "a_b", "100%"])
def test_wildcards_in_the_queue_search_are_literal(coordinator_client, search):
    ApplicationFactory(status="submitted")
    response = coordinator_client.get(reverse("reviews:queue"), {"q": search})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["reviews:queue", "outbox", "people:audit", "people:list",
                                  "credentials:coordinator_list", "renewals:queue",
                                  "references:coordinator_overview", "credentials:registry"])
@pytest.mark.parametrize("page", ["-1", "0", "99999", "abc", "1e9", "9" * 40])
def test_impossible_page_numbers_are_clamped(coordinator_client, name, page):
    response = coordinator_client.get(reverse(name), {"page": page})
    assert response.status_code == 200
