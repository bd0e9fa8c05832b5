"""When the association sets COORDINATOR_EMAIL, pages that say "contact the coordinator" link it."""
import pytest

pytestmark = pytest.mark.django_db


def test_the_coordinator_address_is_offered_where_people_are_told_to_write(client, settings):
    settings.COORDINATOR_EMAIL = "endorsement@massaimh.example"
    response = client.get("/accounts/password/reset/done/")
    assert b'href="mailto:endorsement@massaimh.example"' in response.content
    settings.COORDINATOR_EMAIL = ""
    response = client.get("/accounts/password/reset/done/")
    assert b"mailto:" not in response.content
    assert "the Endorsement® Coordinator" in response.content.decode()
