"""Exam pages: who sees which (404 for everyone else), forms that keep what was typed, blind
scripts, query counts on the lists."""
import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import Status
from endorsement.testing.clients import sign_in_client
from endorsement.testing.factories import CoordinatorFactory, ReviewerFactory
from reviews.exams import services
from reviews.exams.models import ExamEnrolment, ExamSitting

from .conftest import approved, make_sitting, sat

pytestmark = pytest.mark.django_db


def coordinator_urls(sitting, enrolment):
    return [
        ("get", reverse("exams:sittings")),
        ("get", reverse("exams:sitting_add")),
        ("post", reverse("exams:sitting_add")),
        ("get", reverse("exams:sitting", args=[sitting.pk])),
        ("get", reverse("exams:sitting_edit", args=[sitting.pk])),
        ("post", reverse("exams:sitting_edit", args=[sitting.pk])),
        ("post", reverse("exams:enrol", args=[sitting.pk])),
        ("get", reverse("exams:enrolment", args=[enrolment.pk])),
        ("post", reverse("exams:accommodation", args=[enrolment.pk])),
        ("post", reverse("exams:part1", args=[enrolment.pk])),
        ("post", reverse("exams:answers", args=[enrolment.pk])),
        ("post", reverse("exams:assign_scorer", args=[enrolment.pk])),
        ("post", reverse("exams:withdraw", args=[enrolment.pk])),
    ]


@pytest.fixture
def enrolment(sitting, coordinator):
    return services.enrol(sitting, approved(), actor=coordinator)


@pytest.fixture
def script(enrolment, scorers, coordinator):
    services.save_vignette_answers(enrolment, text="Answer to vignette one.", actor=coordinator)
    return services.assign_scorer(enrolment, scorers[0], actor=coordinator)


@pytest.mark.parametrize("who", ["applicant", "reviewer", "advisor"])
def test_coordinator_pages_are_404_to_everyone_else(client, request, who, sitting, enrolment):
    sign_in_client(client, request.getfixturevalue(who))
    for method, url in coordinator_urls(sitting, enrolment):
        assert getattr(client, method)(url).status_code == 404, url
    assert ExamSitting.objects.count() == 1


def test_pages_ask_strangers_to_sign_in(client, sitting, enrolment, script):
    for method, url in [*coordinator_urls(sitting, enrolment),
                        ("get", reverse("exams:scoring")),
                        ("get", reverse("exams:score", args=[script.pk]))]:
        assert getattr(client, method)(url).status_code == 302, url


def test_a_candidates_own_examination_is_not_theirs_to_manage(client, sitting):
    coordinator = CoordinatorFactory()
    own = services.enrol(sitting, approved(applicant=coordinator), actor=CoordinatorFactory())
    sign_in_client(client, coordinator)
    assert client.get(reverse("exams:enrolment", args=[own.pk])).status_code == 404
    assert client.post(reverse("exams:part1", args=[own.pk]),
                       {"part1_score": 100, "version": own.version}).status_code == 404


@pytest.mark.parametrize("who", ["applicant", "coordinator", "advisor"])
def test_scorer_pages_are_404_to_all_but_reviewers(client, request, who, script):
    sign_in_client(client, request.getfixturevalue(who))
    assert client.get(reverse("exams:scoring")).status_code == 404
    assert client.get(reverse("exams:score", args=[script.pk])).status_code == 404
    assert client.post(reverse("exams:score", args=[script.pk]), {"score": 1}).status_code == 404


def test_another_reviewer_gets_404_for_a_script_not_theirs(client, script, scorers):
    sign_in_client(client, scorers[1])
    assert client.get(reverse("exams:score", args=[script.pk])).status_code == 404
    assert client.post(reverse("exams:score", args=[script.pk]),
                       {"score": 100}).status_code == 404
    script.refresh_from_db()
    assert script.score is None


def test_the_scorer_sees_a_code_never_the_name(client, script, scorers, enrolment):
    person = enrolment.application.applicant
    sign_in_client(client, scorers[0])
    for url in (reverse("exams:scoring"), reverse("exams:score", args=[script.pk])):
        html = client.get(url).content.decode()
        assert enrolment.candidate_code in html
        for secret in (person.first_name, person.last_name, person.email):
            assert secret not in html, (url, secret)
    response = client.post(reverse("exams:score", args=[script.pk]),
                           {"score": "88", "comment": "Thoughtful"}, follow=True)
    html = response.content.decode()
    assert f"Your score for {enrolment.candidate_code} is recorded" in html
    assert person.last_name not in html
    script.refresh_from_db()
    assert script.score == 88


def test_a_score_of_101_is_refused_on_the_page_and_kept(coordinator_client, enrolment):
    sat(enrolment.sitting)
    url = reverse("exams:part1", args=[enrolment.pk])
    response = coordinator_client.post(url, {"part1_score": "101", "version": enrolment.version})
    assert response.status_code == 200
    assert "it cannot be more than 100" in response.content.decode()
    assert 'value="101"' in response.content.decode()
    response = coordinator_client.post(url, {"part1_score": "-3", "version": enrolment.version})
    assert "it cannot be negative" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.part1_score is None
    response = coordinator_client.post(url, {"part1_score": "84", "version": enrolment.version},
                                       follow=True)
    assert "Part 1 is recorded: 84%, passed." in response.content.decode()


def test_a_stale_part1_form_is_refused_with_the_value_kept(coordinator_client, enrolment,
                                                           coordinator):
    sat(enrolment.sitting)
    seen = enrolment.version
    services.record_part1(enrolment, score=60, actor=coordinator, version=seen)
    response = coordinator_client.post(reverse("exams:part1", args=[enrolment.pk]),
                                       {"part1_score": "90", "version": seen})
    html = response.content.decode()
    assert "after you opened the page" in html and 'value="90"' in html
    enrolment.refresh_from_db()
    assert enrolment.part1_score == 60


def test_the_coordinator_sets_up_a_sitting_and_enrols_a_candidate(coordinator_client):
    response = coordinator_client.post(reverse("exams:sitting_add"), {
        "program": "IMH-E", "starts_at": "2099-05-04T09:30", "mode": "online",
        "place": "Video call; link emailed", "capacity": "0"})
    assert response.status_code == 200  # 0 seats refused, values kept
    assert "Video call; link emailed" in response.content.decode()
    response = coordinator_client.post(reverse("exams:sitting_add"), {
        "program": "IMH-E", "starts_at": "2099-05-04T09:30", "mode": "online",
        "place": "Video call; link emailed", "capacity": "1"}, follow=True)
    sitting = ExamSitting.objects.get()
    assert response.redirect_chain[-1][0] == reverse("exams:sitting", args=[sitting.pk])
    application = approved()
    approved(category="II")  # not offered
    candidates = response.context["enrol_form"].fields["application"].queryset
    assert list(candidates) == [application]
    response = coordinator_client.post(reverse("exams:enrol", args=[sitting.pk]),
                                       {"application": application.pk}, follow=True)
    assert "is enrolled, with candidate code C-" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.EXAM
    assert "This sitting is full." in response.content.decode()


def test_the_loser_of_the_last_seat_is_told_why(coordinator_client, coordinator):
    sitting = make_sitting(capacity=1)
    first, second = approved(), approved()
    # Both coordinators opened the page while one seat was left; the other one enrolled first.
    services.enrol(sitting, first, actor=CoordinatorFactory())
    response = coordinator_client.post(reverse("exams:enrol", args=[sitting.pk]),
                                       {"application": second.pk, "accommodation": "Large print",
                                        "requested_on": "2020-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This sitting is full: its 1 seat is taken." in html
    second.refresh_from_db()
    assert second.status == Status.APPROVED_FOR_EXAM


def test_a_stale_sitting_form_shows_what_changed_and_keeps_the_typing(coordinator_client,
                                                                      sitting, coordinator):
    url = reverse("exams:sitting_edit", args=[sitting.pk])
    form = coordinator_client.get(url).context["form"]
    data = {"program": "IMH-E", "starts_at": "2099-06-01T10:00", "mode": "in_person",
            "place": "Room B", "capacity": "12", "version": form.initial["version"]}
    services.update_sitting(sitting, version=sitting.version, actor=coordinator,
                            **{**{f: getattr(sitting, f) for f in services.SITTING_FIELDS},
                               "place": "Room A"})
    html = coordinator_client.post(url, data).content.decode()
    assert "Someone changed this sitting" in html
    assert 'value="Room B"' in html and "Room A" in html
    sitting.refresh_from_db()
    assert sitting.place == "Room A"


@pytest.mark.parametrize("count", [1, 3])
def test_the_sittings_list_reads_a_constant_number_of_queries(
        coordinator_client, coordinator, django_assert_num_queries, count):
    for n in range(count):  # sitting n has n candidates
        sitting = make_sitting(days=30 + n)
        for _ in range(n):
            services.enrol(sitting, approved(), actor=coordinator)
    # session, user, the total, the page's sittings (each counting its own candidates)
    with django_assert_num_queries(4):
        response = coordinator_client.get(reverse("exams:sittings"))
    html = response.content.decode()
    assert html.count('class="sitting-row"') == count
    assert "Showing 1–" in html or "1 in all" in html
    for n in range(count):
        assert f"<td>{n} of 10</td>" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_scorers_list_reads_a_constant_number_of_queries(
        client, coordinator, django_assert_num_queries, count):
    scorer = ReviewerFactory()
    sitting = make_sitting()
    for _ in range(count):
        services.assign_scorer(services.enrol(sitting, approved(), actor=coordinator), scorer,
                               actor=coordinator)
    sign_in_client(client, scorer)
    with django_assert_num_queries(4):
        response = client.get(reverse("exams:scoring"))
    assert response.content.decode().count('class="script-row"') == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_sittings_roster_reads_a_constant_number_of_queries(
        coordinator_client, coordinator, django_assert_num_queries, count):
    sitting = make_sitting()
    for _ in range(count):
        services.enrol(sitting, approved(), actor=coordinator)
    with django_assert_num_queries(5):
        response = coordinator_client.get(reverse("exams:sitting", args=[sitting.pk]))
    assert response.content.decode().count('class="candidate-row"') == count


def test_the_candidate_sees_the_sitting_then_the_result(client, coordinator, scorers, sitting):
    application = approved()
    enrolment = services.enrol(sitting, application, actor=coordinator)
    url = reverse("applicants:submitted", args=[application.pk])
    sign_in_client(client, application.applicant)
    html = client.get(url).content.decode()
    assert "Written examination" in html and "The result is not in yet" in html
    assert enrolment.candidate_code not in html
    sat(sitting)
    services.record_part1(enrolment, score=82, actor=coordinator)
    services.save_vignette_answers(enrolment, text="answers", actor=coordinator)
    for s in scorers:
        row = services.assign_scorer(enrolment, s, actor=coordinator)
        services.record_vignette_score(row, score=85, comment="", actor=s)
    html = client.get(url).content.decode()
    assert "You passed the written examination." in html and "82%" in html


def test_an_assigned_reviewer_does_not_see_the_code_on_the_application(client, enrolment,
                                                                      reviewer):
    from reviews.models import ReviewAssignment

    ReviewAssignment.objects.create(application=enrolment.application, reviewer=reviewer)
    sign_in_client(client, reviewer)
    html = client.get(reverse("applicants:submitted", args=[enrolment.application.pk])
                      ).content.decode()
    assert 'class="card mb-4 exam-result"' not in html
    assert enrolment.candidate_code not in html, html[html.index(enrolment.candidate_code) - 300:]


def test_enrolment_page_lists_scorers_and_forms(coordinator_client, enrolment, scorers):
    response = coordinator_client.post(reverse("exams:assign_scorer", args=[enrolment.pk]),
                                       {"scorer": scorers[0].pk}, follow=True)
    assert "will score this candidate" in response.content.decode()
    assert ExamEnrolment.objects.get().vignette_scores.count() == 1
    response = coordinator_client.post(reverse("exams:assign_scorer", args=[enrolment.pk]),
                                       {"scorer": scorers[0].pk})
    assert response.status_code == 200  # no longer offered: refused, no 500


def test_a_late_accommodation_is_refused_on_the_page_with_the_text_kept(
        coordinator_client, coordinator, settings):
    settings.EXAM_ACCOMMODATION_DAYS = 14
    enrolment = services.enrol(make_sitting(days=5), approved(), actor=coordinator)
    url = reverse("exams:accommodation", args=[enrolment.pk])
    today = str(enrolment.enrolled_at.date())
    response = coordinator_client.post(url, {"accommodation": "Extra time (50%)",
                                             "requested_on": today,
                                             "version": enrolment.version})
    html = response.content.decode()
    assert "at least 14 days before the sitting" in html and "Extra time (50%)" in html
    enrolment.refresh_from_db()
    assert enrolment.accommodation == ""


def test_the_coordinator_reaches_the_exam_record_from_the_application(coordinator_client,
                                                                      enrolment):
    for page in ("applicants:submitted", "reviews:application"):
        html = coordinator_client.get(reverse(page, args=[enrolment.application.pk])
                                      ).content.decode()
        assert reverse("exams:enrolment", args=[enrolment.pk]) in html, page
        assert "The result is not in yet." in html and "We will email you" not in html


def test_a_past_sittings_place_can_be_corrected_but_not_moved_into_the_past(coordinator_client,
                                                                           sitting):
    sat(sitting)
    url = reverse("exams:sitting_edit", args=[sitting.pk])
    when = timezone.localtime(sitting.starts_at).strftime("%Y-%m-%dT%H:%M")
    data = {"program": "IMH-E", "starts_at": when, "mode": "in_person", "place": "Room 2",
            "capacity": "10", "version": sitting.version}
    assert coordinator_client.post(url, data).status_code == 302
    sitting.refresh_from_db()
    assert sitting.place == "Room 2"
    response = coordinator_client.post(url, {**data, "starts_at": "2020-01-01T09:00",
                                             "version": sitting.version})
    assert "Choose a date and time in the future." in response.content.decode()


def test_a_candidate_who_cannot_come_frees_the_seat_and_can_sit_later(coordinator_client,
                                                                      coordinator):
    full = make_sitting(capacity=1)
    application = approved()
    enrolment = services.enrol(full, application, actor=coordinator)
    response = coordinator_client.post(reverse("exams:withdraw", args=[enrolment.pk]),
                                       follow=True)
    assert "is no longer in this sitting; the seat is free." in response.content.decode()
    assert not ExamEnrolment.objects.exists()
    application.refresh_from_db()
    assert application in services.candidates_for(full)
    again = services.enrol(make_sitting(days=50), application, actor=coordinator)
    application.refresh_from_db()
    assert application.status == Status.EXAM and again.result == "pending"
    sat(again.sitting)
    response = coordinator_client.post(reverse("exams:withdraw", args=[again.pk]), follow=True)
    assert "The sitting has taken place; its record is kept." in response.content.decode()
    assert ExamEnrolment.objects.count() == 1


def test_bad_input_never_gives_a_500(coordinator_client, client, sitting, enrolment, script,
                                     scorers):
    for url in (reverse("exams:sittings") + "?page=abc", reverse("exams:sittings") + "?page=99"):
        assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.get(reverse("exams:sitting", args=[999])).status_code == 404
    assert coordinator_client.get(reverse("exams:enrolment", args=[999])).status_code == 404
    for data in ({"application": "abc"}, {"application": enrolment.application_id},
                 {"application": "", "requested_on": "yesterday"}):
        response = coordinator_client.post(reverse("exams:enrol", args=[sitting.pk]), data)
        assert response.status_code == 200, data
    for data in ({"part1_score": "1e3", "version": "x"}, {"part1_score": "\x00"}, {}):
        assert coordinator_client.post(reverse("exams:part1", args=[enrolment.pk]),
                                       data).status_code == 200
    assert coordinator_client.post(reverse("exams:answers", args=[enrolment.pk]),
                                   {"vignette_answers": "a\x00b", "version": 1}
                                   ).status_code == 200
    assert coordinator_client.post(reverse("exams:sitting_add"), {
        "program": "XX", "starts_at": "not a date", "mode": "?", "place": "\x00",
        "capacity": "99999"}).status_code == 200
    sign_in_client(client, scorers[0])
    for data in ({"score": "1e3"}, {"score": ""}, {"score": "101"}, {"score": "-1"}):
        response = client.post(reverse("exams:score", args=[script.pk]), data)
        assert response.status_code == 200, data
    script.refresh_from_db()
    assert script.score is None
