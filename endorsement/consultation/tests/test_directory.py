"""The RSC provider directory: who is shown, searching, requests and contacts."""
import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from endorsement.models import OutboundEmail
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import UserFactory

from .. import directory, services
from ..models import ProviderRequest
from ..qualify import qualifying_endorsement
from .helpers import endorse, listing

pytestmark = pytest.mark.django_db


def _provider(valid_through=None, category="IV-C", **kw):
    user = UserFactory(first_name="Pia", last_name="Provider", **kw)
    endorse(user, category, valid_through=valid_through)
    return user


def test_lapsing_provider_is_listed_the_day_before_and_gone_on_the_day():
    today = timezone.localdate()
    provider = _provider(valid_through=today + dt.timedelta(days=1))
    entry = listing(provider)
    day_before_lapse = today + dt.timedelta(days=1)  # the last valid day
    lapse_day = today + dt.timedelta(days=2)
    assert entry in directory.search(day=day_before_lapse)
    assert qualifying_endorsement(provider, day_before_lapse) is not None
    assert entry not in directory.search(day=lapse_day)
    assert qualifying_endorsement(provider, lapse_day) is None


def test_only_qualifying_listed_active_providers_show():
    level_ii = _provider(category="II")
    listing(level_ii)
    unlisted = _provider()
    listing(unlisted, listed=False)
    revoked = _provider()
    revoked.endorsements.update(status="revoked")
    listing(revoked)
    shown = _provider()
    entry = listing(shown)
    assert list(directory.search()) == [entry]


def test_filters():
    a = listing(_provider(), regions=",western,", languages="Spanish", online=False,
                in_person=True, offers_group=True, offers_individual=False, fee="free",
                openings=0)
    b = listing(_provider())
    assert list(directory.search(region="western")) == [a, b]
    assert list(directory.search(region="central")) == [b]
    assert list(directory.search(language="spanish")) == [a, b]
    assert list(directory.search(format="in_person")) == [a]
    assert list(directory.search(kind="group")) == [a]
    assert list(directory.search(fee="free")) == [a]
    assert list(directory.search(openings=True)) == [b]


@pytest.mark.parametrize("count", [1, 3])
def test_directory_search_queries_are_constant(client, django_assert_num_queries, count):
    for _ in range(count):
        listing(_provider())
    sign_in_client(client, UserFactory())
    url = reverse("consultation:directory") + "?region=western&language=English"
    client.get(url)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert f"{count} provider" in response.content.decode()


def test_request_hides_contacts_until_accepted():
    provider = _provider(email="pia@example.org")
    entry = listing(provider, contact_email="pia.work@example.org")
    applicant = UserFactory(email="app@example.org")
    c = sign_in_client(Client(), applicant)
    page = c.get(reverse("consultation:directory")).content.decode()
    assert "pia.work@example.org" not in page and "pia@example.org" not in page
    response = c.post(reverse("consultation:send_request", kwargs={"pk": entry.pk}),
                      {"wants": "individual", "message": "I need monthly RSC."})
    assert response.status_code == 302
    mail = OutboundEmail.objects.get(to="pia@example.org")
    assert "I need monthly RSC." in mail.body_text and mail.body_html
    assert "app@example.org" not in mail.body_text
    mine = c.get(reverse("consultation:provider_requests")).content.decode()
    assert "pia.work@example.org" not in mine
    p = sign_in_client(Client(), provider)
    inbox = reverse("consultation:provider_requests")
    assert "app@example.org" not in p.get(inbox).content.decode()
    sent = ProviderRequest.objects.get()
    # someone else cannot answer it
    other = sign_in_client(Client(), UserFactory())
    assert other.post(reverse("consultation:answer", kwargs={"pk": sent.pk}),
                      {"answer": "accept"}).status_code == 404
    assert p.post(reverse("consultation:answer", kwargs={"pk": sent.pk}),
                  {"answer": "accept"}).status_code == 302
    assert "pia.work@example.org" in c.get(inbox).content.decode()
    assert "app@example.org" in p.get(inbox).content.decode()
    assert OutboundEmail.objects.filter(to="app@example.org").exists()


def test_request_twice_and_to_a_lapsed_provider_is_refused():
    provider = _provider()
    entry = listing(provider)
    applicant = UserFactory()
    directory.send_request(entry.pk, applicant=applicant, message="Hi", wants="individual")
    with pytest.raises(services.Refused):
        directory.send_request(entry.pk, applicant=applicant, message="Hi", wants="individual")
    provider.endorsements.update(valid_through=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(services.Refused):
        directory.send_request(entry.pk, applicant=UserFactory(), message="Hi",
                               wants="individual")


def test_listing_form_only_for_qualified_providers_and_keeps_values():
    level_ii = UserFactory()
    endorse(level_ii, "II")
    c = sign_in_client(Client(), level_ii)
    assert c.get(reverse("consultation:my_listing")).status_code == 404
    provider = _provider()
    p = sign_in_client(Client(), provider)
    bad = p.post(reverse("consultation:my_listing"), {"languages": "Portuguese",
                                                      "contact_email": "x@example.org"})
    assert bad.status_code == 400 and "Portuguese" in bad.content.decode()
    ok = p.post(reverse("consultation:my_listing"), {
        "listed": "on", "offers_individual": "on", "regions": ["southeast", "central"],
        "languages": "Portuguese", "online": "on", "fee": "sliding", "openings": "1",
        "contact_email": "x@example.org"})
    assert ok.status_code == 302
    assert provider.rsc_listing.regions == ",southeast,central,"


def test_erasing_a_person_removes_their_listing_and_requests(coordinator):
    from endorsement.people.personal_data import erase_person

    from ..models import ProviderListing

    provider = _provider()
    entry = listing(provider)
    applicant = UserFactory()
    directory.send_request(entry.pk, applicant=applicant, message="Hi", wants="individual")
    erase_person(applicant, actor=coordinator, reason="asked")
    assert not ProviderRequest.objects.exists()
    erase_person(provider, actor=coordinator, reason="asked")
    assert not ProviderListing.objects.exists()


def test_under_virginia_an_ers_holder_qualifies_and_the_same_level_without_it_does_not(
        settings):
    """VA L363-369: a Family or Mental Health Specialist holding the ERS add-on provides RSC;
    the record carries the add-on (entered by the coordinator), so qualifying reads it."""
    from endorsement.consultation import qualify
    from endorsement.credentials.models import Endorsement
    from endorsement.testing.factories import UserFactory

    from .helpers import endorse

    settings.RULES_EDITION = "vaimh-2023"
    with_ers, without = UserFactory(), UserFactory()
    Endorsement.objects.filter(pk=endorse(with_ers, "II").pk).update(ers=True)
    endorse(without, "II")
    assert qualify.qualifying_endorsement(with_ers) is not None
    assert qualify.qualifying_endorsement(without) is None
    settings.RULES_EDITION = "massaimh-2015"  # no ERS add-on there: a II never provides RSC
    assert qualify.qualifying_endorsement(with_ers) is None
