"""The coordinator's reference pages: only coordinators, the rating content, vet, verify,
resend and extend; and a query-count guard."""
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from endorsement.models import AuditEvent, OutboundEmail
from endorsement.testing.clients import sign_in_client
from references import services
from references.models import RaterVetting, ReferenceRequest

from .conftest import scores, token_for

pytestmark = pytest.mark.django_db
QUERIES = 7


def page_url(application):
    return reverse("references:coordinator_application", args=[application.pk])


def submitted(ask, application, n=1, **kw):
    ref, _ = ask(n, **kw)
    services.open_link(ref)
    services.submit_rating(ref, scores(application, value="4", na=kw.pop("na", 0)))
    return ref


def test_the_coordinator_reads_the_rating(client, coordinator, ask, application):
    submitted(ask, application)
    client.force_login(coordinator)
    body = client.get(page_url(application)).content.decode()
    assert "Secret remark 7781" in body and "4 – Consistently demonstrates" in body
    assert "I recommend this applicant" in body


def test_a_flagged_rating_is_marked(client, coordinator, ask, application):
    ref, _ = ask(1)
    services.open_link(ref)
    services.submit_rating(ref, scores(application, na=6))
    client.force_login(coordinator)
    assert b"Flagged: 6 areas without enough information" in client.get(
        page_url(application)).content


@pytest.mark.parametrize("who", ["applicant", "other_applicant", "reviewer", "advisor"])
def test_everyone_else_gets_404(client, request, who, ask, application):
    ref = submitted(ask, application)
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(application)).status_code == 404
    for name in ("resend", "extend", "verify", "vet"):
        assert client.post(reverse(f"references:{name}", args=[ref.pk]),
                           {"level": "II"}).status_code == 404
    ref.refresh_from_db()
    assert not ref.endorsement_verified


def test_anonymous_is_sent_to_sign_in(client, application):
    assert client.get(page_url(application)).status_code == 302


def test_vetting_a_rater_feeds_the_engine(client, coordinator, ask, application):
    ref, _ = ask(1, role="colleague")
    client.force_login(coordinator)
    url = reverse("references:vet", args=[ref.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"call_date": "", "outcome": "accepted"}, follow=True)
    assert response.redirect_chain == [(url, 302)]  # POST-redirect-GET: a reload is a GET
    assert b"This field is required." in response.content
    response = client.post(url, {"call_date": date.today().isoformat(),
                                 "has_guidelines_copy": "on", "familiar": "on",
                                 "outcome": "accepted", "note": "Knows the Guidelines well"})
    assert response.status_code == 302
    ref.refresh_from_db()
    assert ref.vetted
    assert services.references_for_case(application)[0]["vetted"] is True
    vetting = RaterVetting.objects.get()
    assert vetting.recorded_by == coordinator and vetting.familiar
    assert AuditEvent.objects.filter(action="reference.vetted", actor=coordinator).exists()
    services.vet_rater(ref, coordinator, call_date=date.today(), has_guidelines_copy=False,
                       familiar=False, outcome="not_accepted")
    ref.refresh_from_db()
    assert not ref.vetted


def test_verifying_the_raters_endorsement(client, coordinator, ask, application):
    ref, _ = ask(1, rater_endorsement="III")
    assert services.references_for_case(application)[0]["rater_level"] is None
    client.force_login(coordinator)
    client.post(reverse("references:verify", args=[ref.pk]), {"level": "III"})
    assert services.references_for_case(application)[0]["rater_level"] is None, "no source"
    client.post(reverse("references:verify", args=[ref.pk]),
                {"level": "III", "source": "MassAIMH registry"})
    assert services.references_for_case(application)[0]["rater_level"] == "III"
    client.post(reverse("references:verify", args=[ref.pk]), {"verified": "no"})
    assert services.references_for_case(application)[0]["rater_level"] is None


def test_resend_and_extend(client, coordinator, ask, application):
    ref, old = ask(1)
    ReferenceRequest.objects.filter(pk=ref.pk).update(
        token_expires_at=timezone.now() - timedelta(days=1), status="expired")
    client.force_login(coordinator)
    client.post(reverse("references:extend", args=[ref.pk]))
    ref.refresh_from_db()
    assert ref.status == "requested" and ref.token_expires_at > timezone.now()
    client.post(reverse("references:resend", args=[ref.pk]))
    assert token_for(ref.rater_email) != old
    assert OutboundEmail.objects.filter(template="references_request").count() == 2


def test_resending_the_same_page_twice_sends_one_new_link(client, coordinator, ask,
                                                          application):
    """A retried POST (a double click, a browser re-sending after a time-out) carries the
    version the page showed: the second one changes nothing and says what happened."""
    from endorsement import staleness

    ref, _old = ask(1)
    client.force_login(coordinator)
    shown = {"version": staleness.version_of(ref)}
    client.post(reverse("references:resend", args=[ref.pk]), shown)
    link = token_for(ref.rater_email)
    response = client.post(reverse("references:resend", args=[ref.pk]), shown, follow=True)
    assert b"out of date" in response.content
    assert token_for(ref.rater_email) == link
    assert OutboundEmail.objects.filter(template="references_request").count() == 2
    assert AuditEvent.objects.filter(action="reference.link_resent").count() == 1


def test_a_retried_vetting_or_verification_records_one(client, coordinator, ask, application):
    """The same page posted twice (a double click, a retry after a time-out) records one call
    and one verification: the second is refused as out of date, here and under the row lock
    when both posts race (the service checks the version it was given after locking)."""
    from endorsement import staleness

    ref, _ = ask(1, role="colleague", rater_endorsement="III")
    client.force_login(coordinator)
    shown = {"version": staleness.version_of(ref)}
    call = {**shown, "call_date": date.today().isoformat(), "has_guidelines_copy": "on",
            "familiar": "on", "outcome": "accepted"}
    client.post(reverse("references:vet", args=[ref.pk]), call)
    response = client.post(reverse("references:vet", args=[ref.pk]), call, follow=True)
    assert b"out of date" in response.content
    assert RaterVetting.objects.count() == 1
    with pytest.raises(services.ChangedSince):  # what a racing post meets once it has the lock
        services.vet_rater(ref, coordinator, call_date=date.today(), has_guidelines_copy=True,
                           familiar=True, outcome="accepted", version=shown["version"])
    assert RaterVetting.objects.count() == 1
    seen = {"version": staleness.version_of(ref)}
    with pytest.raises(services.ChangedSince):
        services.verify_endorsement(ref, coordinator, level="III", source="registry",
                                    version=seen["version"] - 1)
    services.verify_endorsement(ref, coordinator, level="III", source="registry",
                                version=seen["version"])
    assert AuditEvent.objects.filter(action="reference.endorsement_verified").count() == 1


def test_a_submitted_request_cannot_be_resent(client, coordinator, ask, application):
    ref = submitted(ask, application)
    client.force_login(coordinator)
    response = client.post(reverse("references:resend", args=[ref.pk]), follow=True)
    assert b"cannot be sent again" in response.content
    assert OutboundEmail.objects.filter(template="references_request").count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_ratings_page_query_count(client, coordinator, ask, application, count,
                                  django_assert_num_queries):
    for n in range(count):
        ref = submitted(ask, application, n)
        services.vet_rater(ref, coordinator, call_date=date.today(), has_guidelines_copy=True,
                           familiar=True, outcome="accepted")
    sign_in_client(client, coordinator)
    # session, user, application, requests (+rating, +replaced), vettings, their recorders,
    # the raters' versions (for refusing a stale form)
    with django_assert_num_queries(QUERIES):
        assert client.get(page_url(application)).status_code == 200


def test_overview_lists_what_needs_attention(client, coordinator, ask, application):
    flagged, _ = ask(1)
    services.open_link(flagged)
    services.submit_rating(flagged, scores(application, na=7))
    declined, _ = ask(2, rater_endorsement="II")
    services.decline(declined, "no")
    client.force_login(coordinator)
    url = reverse("references:coordinator_overview")
    # A draft's raters are the applicant's to manage: nothing is listed until it is submitted.
    assert "Rater 1" not in client.get(url).content.decode()
    application.status = "submitted"
    application.save()
    assert "Rater 1" in client.get(url).content.decode()
    assert "Rater 2" not in client.get(url).content.decode()
    body = client.get(url, {"show": "declined"}).content.decode()
    assert "Rater 2" in body and "Rater 1" not in body
    assert "Rater 2" in client.get(url, {"show": "verify"}).content.decode()
    assert page_url(application) in body
    for status in ("endorsed", "withdrawn"):
        application.status = status
        application.save()
        assert "Rater 2" not in client.get(url, {"show": "declined"}).content.decode()


def test_overview_is_for_coordinators_only(client, applicant, reviewer):
    for user in (applicant, reviewer):
        client.force_login(user)
        assert client.get(reverse("references:coordinator_overview")).status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_overview_query_count(client, coordinator, ask, application, count,
                              django_assert_num_queries):
    from endorsement.testing.factories import UserFactory

    for n in range(count):
        app = type(application).objects.create(applicant=UserFactory(), program="IMH-E",
                                               category="II")
        services.decline(ask(n, app=app, rater_endorsement="II")[0], "no")
    type(application).objects.update(status="submitted")
    sign_in_client(client, coordinator)
    # session, user, one count per kind (the page's total is its kind's), its ids and its rows
    with django_assert_num_queries(8):
        response = client.get(reverse("references:coordinator_overview"), {"show": "declined"})
    assert response.status_code == 200
    assert response.content.decode().count("Declined</span>") + response.content.decode().count(
        "· Declined ·") == count


def test_overview_totals_are_recounted_when_a_request_changes_not_at_a_sign_in(
        client, coordinator, ask, application, django_assert_num_queries):
    """The tab totals are cached per change of requests, ratings and applications: a rater's
    decline shows at once; a sign-in or a profile saved (the queues' group) recounts nothing."""
    application.status = "submitted"
    application.save()
    first, _ = ask(1, rater_endorsement="II")
    sign_in_client(client, coordinator)
    url = reverse("references:coordinator_overview")

    def declined_tab():
        import re

        body = client.get(url, {"show": "declined"}).content.decode()
        return re.sub(r"\s+", " ", body)

    assert "Rater 1" not in declined_tab()
    services.decline(first, "no")
    assert "Rater 1" in declined_tab()  # a request changed: counted again
    coordinator.first_name = "Renamed"
    coordinator.save()  # what a sign-in does to the account (last_login)
    from applicants.services import touch

    touch(application, "training")  # an applicant saved a section
    with django_assert_num_queries(4):  # session, user, the page's ids and rows: no count
        client.get(url, {"show": "declined"})
    application.status = "withdrawn"
    application.save(update_fields=["status", "updated_at"])
    assert "Rater 1" not in declined_tab()
    with django_assert_num_queries(3):  # counted again once, then kept (no rows left)
        client.get(url, {"show": "declined"})
