"""People and roles: grants, invitations, deactivation, the People page (issue 10, item 1)."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from endorsement.credentials.services import record_endorsement
from endorsement.models import (
    AuditEvent,
    Invitation,
    OutboundEmail,
    Role,
    RoleGrant,
    User,
    with_role,
)
from endorsement.people import services
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import PASSWORD, CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


def endorse(user, category="III"):
    today = datetime.date.today()
    return record_endorsement(holder=user, program="IMH-E", category=category,
                              issued_on=today.replace(month=1, day=1),
                              rules_edition="massaimh-2015", actor=None,
                              valid_through=today + datetime.timedelta(days=365))


def test_an_endorsed_applicant_is_granted_reviewer_and_keeps_being_an_applicant(coordinator):
    person = UserFactory()
    endorse(person, "IV-C")
    services.grant_role(person, Role.REVIEWER, actor=coordinator)
    person.refresh_from_db()
    assert person.role == Role.APPLICANT
    assert person.has_role(Role.REVIEWER) and person.has_role(Role.APPLICANT)
    assert person.has_perm("endorsement.view_outbox") is False
    assert person.needs_two_factor
    assert User.objects.filter(with_role(Role.REVIEWER), pk=person.pk).exists()
    grant = RoleGrant.objects.get(user=person)
    assert grant.granted_by == coordinator and grant.granted_at
    assert AuditEvent.objects.filter(action="user.role_granted", subject_id=person.pk).exists()

    services.remove_role(person, Role.REVIEWER, actor=coordinator)
    person.refresh_from_db()
    assert not person.has_role(Role.REVIEWER)
    grant.refresh_from_db()
    assert grant.removed_by == coordinator and grant.removed_at


def test_a_role_needs_a_current_endorsement_at_the_level_the_work_needs(coordinator):
    person = UserFactory()
    with pytest.raises(services.PeopleError, match="Level III or IV"):
        services.grant_role(person, Role.REVIEWER, actor=coordinator)
    endorse(person, "II")  # enough to advise, not to review
    services.grant_role(person, Role.ADVISOR, actor=coordinator)
    with pytest.raises(services.PeopleError):
        services.grant_role(person, Role.REVIEWER, actor=coordinator)
    lapsed = UserFactory()
    endorsement = endorse(lapsed, "IV-C")
    type(endorsement).objects.filter(pk=endorsement.pk).update(
        valid_through=datetime.date.today() - datetime.timedelta(days=1))
    with pytest.raises(services.PeopleError):
        services.grant_role(lapsed, Role.REVIEWER, actor=coordinator)
    assert not RoleGrant.objects.filter(user=lapsed).exists()


def test_a_granted_reviewer_can_be_assigned_and_sees_the_reviewer_nav(client, coordinator):
    from applicants.tests.factories import ApplicationFactory
    from reviews.reviewing import qualified_reviewers

    person = UserFactory(email="both@example.org")
    endorse(person, "IV-C")
    services.grant_role(person, Role.REVIEWER, actor=coordinator)
    application = ApplicationFactory(category="II")
    assert person in qualified_reviewers(application)
    person.refresh_from_db()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(person, generate_totp_secret())
    page = sign_in_client(client, person).get(reverse("credentials:mine"))
    html = page.content.decode()
    assert reverse("reviews:assigned") in html and reverse("applicants:home") in html


def test_a_coordinator_role_granted_gives_the_staff_pages(client, coordinator):
    person = UserFactory()
    services.grant_role(person, Role.COORDINATOR, actor=coordinator)
    person.refresh_from_db()
    sign_in_client(client, person)
    assert client.get(reverse("people:list")).status_code == 200


@pytest.mark.parametrize("who", ["applicant", "reviewer", "advisor"])
def test_other_roles_get_404_on_every_people_page(client, who, request, coordinator):
    user = request.getfixturevalue(who)
    sign_in_client(client, user)
    target = CoordinatorFactory()
    for name, args in [("people:list", []), ("people:invite", []),
                       ("people:person", [target.pk]), ("people:erase", [target.pk]),
                       ("people:audit", []), ("people:audit_csv", [])]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("people:grant", "people:remove", "people:active", "people:erase"):
        assert client.post(reverse(name, args=[target.pk]), {"role": "coordinator",
                                                              "active": "0"}).status_code == 404
    target.refresh_from_db()
    assert target.is_active and target.has_role(Role.COORDINATOR)


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_people_page_lists_with_total_search_and_workload(coordinator_client, coordinator,
                                                          django_assert_num_queries):
    from reviews.tests.helpers import endorsed_reviewers

    reviewer = endorsed_reviewers(1)[0]
    UserFactory(first_name="Zed", last_name="Zebra")
    page = coordinator_client.get(reverse("people:list"), {"q": "zebra"})
    assert "1 person" in page.content.decode()
    page = coordinator_client.get(reverse("people:list"), {"role": "reviewer"})
    html = page.content.decode()
    assert reviewer.email in html and "Zebra" not in html
    assert coordinator_client.get(reverse("people:list"), {"page": "x", "role": "<b>"}
                                  ).status_code == 200
    services.invite("colleague@example.org", Role.COORDINATOR, actor=coordinator)
    html = coordinator_client.get(reverse("people:list")).content.decode()
    assert "colleague@example.org" in html


def _people_queries(client, django_assert_num_queries, n):
    from reviews.tests.helpers import endorsed_reviewers

    endorsed_reviewers(n)
    for person in UserFactory.create_batch(n):
        services.invite(f"x{person.pk}@example.org", Role.COORDINATOR, actor=None)
    client.get(reverse("people:list"))  # warm the session and caches (and the total)
    with django_assert_num_queries(5) as ctx:  # the total is counted once per change
        client.get(reverse("people:list"))
    return len(ctx.captured_queries)


def test_people_page_queries_do_not_grow_with_rows(coordinator_client,
                                                   django_assert_num_queries):
    one = _people_queries(coordinator_client, django_assert_num_queries, 1)
    several = _people_queries(coordinator_client, django_assert_num_queries, 6)
    assert one == several


def test_invitation_link_is_hashed_works_once_and_creates_the_account(client, coordinator):
    invitation, raw = services.invite("New.Coord@Example.org", Role.COORDINATOR,
                                      actor=coordinator)
    assert raw not in invitation.token_hash and len(invitation.token_hash) == 64
    email = OutboundEmail.objects.get(to="new.coord@example.org")
    assert reverse("people:accept", args=[raw]) in email.body_text
    from endorsement.mail import redact

    assert raw not in redact(email.body_text) and raw not in redact(email.body_html)
    url = reverse("people:accept", args=[raw])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"first_name": "Nia", "last_name": "", "password1": "x",
                            "password2": "y"})
    assert bad.status_code == 400 and 'value="Nia"' in bad.content.decode()
    response = client.post(url, {"first_name": "Nia", "last_name": "Park",
                                 "password1": "a-long-pass-phrase-42",
                                 "password2": "a-long-pass-phrase-42"})
    assert response.status_code == 302
    assert not Invitation.objects.filter(accepted_at__isnull=True).exists()
    user = User.objects.get(email="new.coord@example.org")
    assert user.role == Role.COORDINATOR and user.has_role(Role.COORDINATOR)
    # the second factor comes first
    assert client.get(reverse("people:list"))["Location"] == reverse("mfa_activate_totp")
    client.logout()
    again = client.get(url)
    assert again.status_code == 410 and "already been accepted" in again.content.decode()
    assert client.post(url, {"first_name": "X"}).status_code == 410


def test_expired_and_unknown_invitations_get_a_clear_page(client, coordinator):
    invitation, raw = services.invite("late@example.org", Role.COORDINATOR, actor=coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(reverse("people:accept", args=[raw]))
    assert page.status_code == 410 and "expired" in page.content.decode()
    assert client.get(reverse("people:accept", args=["nope"])).status_code == 404
    assert client.get(reverse("people:accept", args=["x" * 500])).status_code == 404


def test_inviting_a_reviewer_needs_an_endorsed_account(coordinator_client, coordinator):
    page = coordinator_client.post(reverse("people:invite"),
                                   {"email": "unknown@example.org", "role": "reviewer"})
    assert page.status_code == 200 and "Record their Endorsement®" in page.content.decode()
    assert 'value="unknown@example.org"' in page.content.decode()
    assert not Invitation.objects.exists()
    assert coordinator_client.post(reverse("people:invite"), {"email": "nope", "role": "x"}
                                   ).status_code == 200


def test_an_existing_account_signs_in_then_accepts(client, coordinator):
    person = UserFactory(email="pro@example.org")
    endorse(person, "IV-C")
    _invitation, raw = services.invite("pro@example.org", Role.REVIEWER, actor=coordinator)
    url = reverse("people:accept", args=[raw])
    page = client.get(url)
    assert "Sign in to accept" in page.content.decode()
    assert client.post(url).status_code == 200  # nothing happens signed out
    assert not User.objects.get(pk=person.pk).has_role(Role.REVIEWER)
    client.force_login(person)
    assert client.post(url).status_code == 302
    person.refresh_from_db()
    assert person.has_role(Role.REVIEWER) and person.role == Role.APPLICANT
    other = UserFactory()
    client.force_login(other)
    _i, raw2 = services.invite("pro@example.org", Role.ADVISOR, actor=coordinator)
    assert client.get(reverse("people:accept", args=[raw2])).status_code == 409


def test_deactivating_keeps_history_and_refuses_sign_in(client, coordinator_client,
                                                       coordinator):
    person = UserFactory(email="gone@example.org")
    version = AuditEvent.objects.filter(subject_type="endorsement.user",
                                        subject_id=person.pk).count()
    response = coordinator_client.post(reverse("people:active", args=[person.pk]),
                                       {"active": "0", "version": str(version)})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active and User.objects.filter(pk=person.pk).exists()
    assert not client.login(email="gone@example.org", password=PASSWORD)
    # a second form opened before the change is refused as stale
    stale = coordinator_client.post(reverse("people:active", args=[person.pk]),
                                    {"active": "1", "version": "0"}, follow=True)
    assert "out of date" in stale.content.decode()
    person.refresh_from_db()
    assert not person.is_active


def test_a_coordinator_cannot_lock_themselves_out(coordinator):
    with pytest.raises(services.PeopleError):
        services.set_active(coordinator, False, actor=coordinator)
    with pytest.raises(services.PeopleError):
        services.remove_role(coordinator, Role.COORDINATOR, actor=coordinator)


def test_grant_and_remove_through_the_person_page(coordinator_client, coordinator):
    person = UserFactory()
    endorse(person, "III")
    url = reverse("people:person", args=[person.pk])
    assert coordinator_client.get(url).status_code == 200
    coordinator_client.post(reverse("people:grant", args=[person.pk]), {"role": "reviewer"})
    person.refresh_from_db()
    assert person.has_role(Role.REVIEWER)
    page = coordinator_client.post(reverse("people:grant", args=[person.pk]), {"role": "bogus"},
                                   follow=True)
    assert "Choose a role" in page.content.decode()
    coordinator_client.post(reverse("people:remove", args=[person.pk]), {"role": "reviewer"})
    person.refresh_from_db()
    assert not person.has_role(Role.REVIEWER)
    assert coordinator_client.get(reverse("people:person", args=[99999])).status_code == 404


def test_an_advisor_without_a_current_endorsement_cannot_be_linked(coordinator):
    from applicants.tests.factories import ApplicationFactory
    from endorsement.testing.factories import AdvisorFactory
    from reviews.services import ReviewError, link_advisor

    application = ApplicationFactory()
    with pytest.raises(ReviewError, match="Level II, III or IV"):
        link_advisor(application, AdvisorFactory(endorsed=False), actor=coordinator)
    advisor = AdvisorFactory()
    assert link_advisor(application, advisor, actor=coordinator).advisor == advisor


def test_inviting_someone_who_already_holds_the_role_or_is_deactivated_is_refused(
        coordinator, reviewer):
    with pytest.raises(services.PeopleError, match="already"):
        services.invite(reviewer.email, Role.REVIEWER, actor=coordinator)
    gone = UserFactory(is_active=False)
    with pytest.raises(services.PeopleError, match="deactivated"):
        services.invite(gone.email, Role.COORDINATOR, actor=coordinator)
    assert not Invitation.objects.exists()


def test_my_data_needs_sign_in(client):
    for name in ("people:my_data", "people:my_data_zip"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_removing_a_home_role_falls_back_to_a_role_still_held(client, coordinator):
    colleague = CoordinatorFactory()
    endorse(colleague, "IV-C")
    services.grant_role(colleague, Role.REVIEWER, actor=coordinator)
    services.remove_role(colleague, Role.COORDINATOR, actor=coordinator)
    colleague.refresh_from_db()
    assert colleague.role == Role.REVIEWER and not colleague.is_staff
    assert not colleague.has_role(Role.COORDINATOR)
    sign_in_client(client, colleague)
    assert client.get(reverse("people:list")).status_code == 404
    assert client.get(reverse("home"))["Location"] == reverse("reviews:assigned")


def test_an_account_made_for_someone_is_claimed_through_an_invitation(client, coordinator):
    """What moving in from the old system uses: the account exists without a password."""
    made = User.objects.create_user("moved@example.org", None, first_name="Mo",
                                    last_name="Ved")
    endorse(made, "II")
    with pytest.raises(services.PeopleError):
        services.invite(coordinator.email, Role.APPLICANT, actor=coordinator)
    _invitation, raw = services.invite("moved@example.org", Role.APPLICANT, actor=coordinator)
    assert "Claim your" in OutboundEmail.objects.get(to="moved@example.org").subject
    url = reverse("people:accept", args=[raw])
    assert 'value="Mo"' in client.get(url).content.decode()
    response = client.post(url, {"first_name": "Mo", "last_name": "Ved",
                                 "password1": "a-long-pass-phrase-42",
                                 "password2": "a-long-pass-phrase-42"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.has_usable_password() and made.role == Role.APPLICANT
    assert client.get(reverse("home"))["Location"] == reverse("applicants:home")
    assert User.objects.filter(email="moved@example.org").count() == 1


def test_people_total_follows_every_change_of_the_accounts(coordinator_client):
    """The total is kept per change of the accounts: a new match is counted at once."""
    UserFactory(last_name="Zyqxvalo")
    url = reverse("people:list")
    assert "1 person" in " ".join(coordinator_client.get(url, {"q": "zyqxv"}).content.decode()
                                  .split())
    UserFactory(last_name="Zyqxvalo")
    assert "2 people" in " ".join(coordinator_client.get(url, {"q": "zyqxv"}).content.decode()
                                  .split())
