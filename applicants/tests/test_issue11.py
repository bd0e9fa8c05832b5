"""Issue 11: people's names, nothing counted twice or lost, still in the picture after submit."""
import pytest
from django.urls import reverse

from applicants.models import ApplicantProfile, SavedForm, TrainingEntry
from applicants.workflow import transition
from endorsement.models import OutboundEmail, User
from references import services
from references.models import ReferenceRequest

pytestmark = pytest.mark.django_db

NAME = "María José O'Neill-García"
TRAINING = {"title": "Infant mental health basics", "sponsor": "MassAIMH",
            "date": "2024-03-01", "hours": "6"}


def test_sign_up_asks_for_the_name_people_know_you_by(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    body = client.get(reverse("account_signup")).content.decode()
    assert 'name="name"' in body and 'autocomplete="name"' in body
    response = client.post(reverse("account_signup"), {
        "name": f"  {NAME} ", "email": "mj@example.org",
        "password1": "a-long-pass-phrase-2026", "password2": "a-long-pass-phrase-2026"})
    assert response.status_code == 302
    user = User.objects.get(email="mj@example.org")
    assert user.display_name == NAME


def test_sign_up_without_a_name_keeps_everything_typed(client):
    response = client.post(reverse("account_signup"), {
        "name": " ", "email": "mj@example.org",
        "password1": "a-long-pass-phrase-2026", "password2": "a-long-pass-phrase-2026"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="mj@example.org"' in body
    assert not User.objects.filter(email="mj@example.org").exists()


def test_the_name_in_about_you_is_used_in_rater_emails_and_pages(client, applicant, draft):
    applicant.first_name, applicant.last_name = "", ""
    applicant.save()
    client.force_login(applicant)
    url = reverse("applicants:profile", args=[draft.pk])
    client.get(url)
    response = client.post(url, {"full_name": NAME, "action": "later"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.display_name == NAME
    ref = services.request_reference(
        draft, applicant, rater_name="Rosa", rater_email="rosa@example.org", role="supervisor",
        known_for="2 years", waiver_name=NAME)
    mail = OutboundEmail.objects.get(to=ref.rater_email)
    assert NAME in mail.subject and NAME in mail.body_text
    assert applicant.email not in mail.subject + mail.body_text
    assert "O&#x27;Neill-García" in mail.body_html or NAME in mail.body_html


def test_about_you_can_be_saved_part_filled_and_finished_later(client, applicant, draft):
    client.force_login(applicant)
    url = reverse("applicants:profile", args=[draft.pk])
    client.get(url)
    response = client.post(url, {"full_name": "Ana Lopez", "phone": "555-0100",
                                 "action": "later"})
    assert response.status_code == 302
    profile = ApplicantProfile.objects.get(user=applicant)
    assert profile.phone == "555-0100" and not profile.is_complete
    body = client.get(url).content.decode()
    assert 'value="555-0100"' in body
    # "Save" (not "later") still asks for everything.
    response = client.post(url, {"full_name": "Ana Lopez", "phone": "555-0100",
                                 "action": "save"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_a_training_form_posted_twice_is_saved_once(client, applicant, draft):
    client.force_login(applicant)
    url = reverse("applicants:training_add", args=[draft.pk])
    redirected = client.get(url)
    assert redirected.status_code == 302 and "?once=" in redirected.url
    body = client.get(redirected.url).content.decode()
    assert 'name="form_token"' in body and "data-warn-unsaved" in body
    token = body.split('name="form_token" value="')[1].split('"')[0]
    first = client.post(url, {**TRAINING, "form_token": token})
    assert first.status_code == 302
    again = client.post(url, {**TRAINING, "form_token": token}, follow=True)
    assert "nothing was added twice" in again.content.decode()
    assert TrainingEntry.objects.filter(application=draft).count() == 1
    assert SavedForm.objects.get(token=token).user == applicant
    # A new render gets a new token: a second, deliberate entry is saved.
    token2 = client.get(url, follow=True).content.decode().split(
        'name="form_token" value="')[1][:22]
    assert token2 != token[:22]


def test_a_post_to_the_address_with_the_token_is_saved_once(client, applicant, draft):
    """Back reloads the page at the address that carries the token: one row however often."""
    client.force_login(applicant)
    url = reverse("applicants:training_add", args=[draft.pk]) + "?once=" + "b" * 22
    for _ in range(3):
        assert client.post(url, TRAINING).status_code == 302
    assert TrainingEntry.objects.filter(application=draft).count() == 1


def test_a_failed_form_keeps_its_token_and_saves_once_when_fixed(client, applicant, draft):
    client.force_login(applicant)
    url = reverse("applicants:training_add", args=[draft.pk])
    token = "k" * 22
    bad = client.post(url, {**TRAINING, "hours": "0", "form_token": token})
    assert bad.status_code == 200 and f'value="{token}"' in bad.content.decode()
    assert client.post(url, {**TRAINING, "form_token": token}).status_code == 302
    assert client.post(url, {**TRAINING, "form_token": token}).status_code == 302
    assert TrainingEntry.objects.filter(application=draft).count() == 1


def test_an_error_on_one_agreement_keeps_what_was_typed_in_the_other(client, ready):
    from applicants.models import AgreementSignature

    AgreementSignature.objects.filter(application=ready).delete()
    client.force_login(ready.applicant)
    url = reverse("applicants:agreements", args=[ready.pk])
    response = client.post(url, {"document": "agreement", "agreement-typed_name": "Wrong Name",
                                 "code_of_ethics-typed_name": "Ana Lopez"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Wrong Name"' in body and 'value="Ana Lopez"' in body
    assert not AgreementSignature.objects.filter(application=ready).exists()


def test_signing_matches_ignoring_case_and_spacing_and_stores_the_about_you_name(
        client, ready):
    from applicants.models import AgreementSignature

    ApplicantProfile.objects.filter(user=ready.applicant).update(full_name=NAME)
    client.force_login(ready.applicant)
    url = reverse("applicants:agreements", args=[ready.pk])
    response = client.post(url, {"document": "agreement",
                                 "agreement-typed_name": "  maría josé  o'neill-garcía "})
    assert response.status_code == 302
    assert AgreementSignature.objects.get(application=ready,
                                          document="agreement").typed_name == NAME


def test_after_submitting_the_applicant_sees_what_is_outstanding(client, ready):
    transition(ready, "submitted", actor=ready.applicant)
    first = services.request_reference(
        ready, ready.applicant, rater_name="Rosa Supervisor", rater_email="rosa@example.org",
        role="supervisor", known_for="2 years", waiver_name="Ana Lopez")
    services.decline(first, "No time")
    services.request_reference(
        ready, ready.applicant, rater_name="Reed Provider", rater_email="reed@example.org",
        role="rsc_provider", known_for="2 years", waiver_name="Ana Lopez")
    client.force_login(ready.applicant)
    response = client.get(reverse("applicants:application", args=[ready.pk]), follow=True)
    body = response.content.decode()
    assert "Still outstanding" in body
    assert "Rosa Supervisor declined to rate you." in body
    assert "Waiting for Reed Provider" in body
    assert "The fee: the Endorsement® Coordinator records it" in body
    assert "review has not started yet" in body
    section = reverse("references:section", args=[ready.pk])
    assert f'href="{section}"' in body
    # The references page still lets them replace the rater who declined.
    page = client.get(section).content.decode()
    assert reverse("references:replace", args=[ready.pk, first.pk]) in page
    assert ReferenceRequest.objects.count() == 2


def test_the_finder_says_what_is_missing_when_next_is_pressed_with_no_answer(client, applicant):
    client.force_login(applicant)
    url = reverse("applicants:finder")
    body = client.get(url).content.decode()
    assert "There is a problem" not in body
    assert "What is the highest degree" in body and 'name="step" value="degree"' in body
    body = client.get(url, {"step": "degree"}).content.decode()
    assert "There is a problem" in body and 'href="#q-degree"' in body
    # Answering moves on without an error on the next question.
    body = client.get(url, {"step": "degree", "degree": "bachelor"}).content.decode()
    assert "There is a problem" not in body
    assert 'name="step" value="age_group"' in body
    body = client.get(url, {"step": "degree", "degree": "nonsense"}).content.decode()
    assert "There is a problem" in body


def test_the_finder_shows_what_the_recommended_category_requires(client, applicant):
    client.force_login(applicant)
    answers = {"degree": "bachelor", "age_group": "infants", "role": "direct_dyads",
               "dyad_support": "prevention"}
    body = client.get(reverse("applicants:finder"), answers).content.decode()
    assert "What this category asks of you" in body
    assert "a bachelor&#x27;s degree or higher" in body or "a bachelor's degree" in body
    assert "Reflective supervision/consultation: 24 hours" in body
    assert "1 hours" not in body
    assert "degree-note" not in body
    # A degree below the category's: said plainly, the applicant may still start.
    body = client.get(reverse("applicants:finder"), {**answers, "degree": "associate"}
                      ).content.decode()
    assert "degree-note" in body and "Start an application for Level II" in body


def test_hours_are_never_1_hours():
    from applicants.templatetags.applicants_tags import hours

    assert hours(1) == "1 hour" and hours("1.00") == "1 hour"
    assert hours(1.5) == "1.5 hours" and hours(2) == "2 hours" and hours(10) == "10 hours"


def test_old_form_tokens_are_purged(applicant):
    from datetime import timedelta

    from django.utils import timezone

    from applicants.tasks import purge_saved_form_tokens

    old = SavedForm.objects.create(token="o" * 22, user=applicant, url="/")
    SavedForm.objects.filter(pk=old.pk).update(saved_at=timezone.now() - timedelta(days=31))
    SavedForm.objects.create(token="n" * 22, user=applicant, url="/")
    assert purge_saved_form_tokens() == 1
    assert list(SavedForm.objects.values_list("token", flat=True)) == ["n" * 22]


def test_a_claim_taken_meanwhile_saves_nothing(rf, applicant, draft):
    """Two posts of one page racing: the second's claim fails and its save is rolled back."""
    from applicants import once

    SavedForm.objects.create(token="r" * 22, user=applicant, url="/first/")
    request = rf.post("/", {"form_token": "r" * 22})
    request.user = applicant
    with pytest.raises(once.AlreadySaved) as raised:
        with once.saving_once(request, "/second/"):
            TrainingEntry.objects.create(application=draft, title="x", sponsor="y",
                                         date="2024-01-01", hours=1)
    assert raised.value.url == "/first/"
    assert not TrainingEntry.objects.exists()


def test_home_leads_a_submitted_application_to_what_is_outstanding(client, ready):
    transition(ready, "submitted", actor=ready.applicant)
    client.force_login(ready.applicant)
    body = client.get(reverse("applicants:home")).content.decode()
    assert reverse("applicants:submitted", args=[ready.pk]) + "#outstanding" in body
    assert reverse("references:section", args=[ready.pk]) in body
