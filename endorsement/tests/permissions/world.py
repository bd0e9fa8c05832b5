"""The people and records every cell of the permission matrix is probed with.

Built once per test module (``world`` fixture in test_matrix.py) and committed; each cell runs
in a transaction that is rolled back, so a POST that succeeds leaves the next cell the same
world. Every role is a ready session cookie: a cell costs one request, not a sign-in.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from applicants.tests.factories import ApplicationFactory, complete
from endorsement.middleware import TWO_FACTOR_CHECKED
from endorsement.testing.factories import (
    AdvisorFactory,
    CoordinatorFactory,
    ReviewerFactory,
    UserFactory,
)

# The columns of the matrix, in the order the expectation strings list them.
ROLES = (
    "anon",           # nobody signed in
    "A",              # applicant A, owner of the application probed
    "B",              # applicant B, someone else's application
    "rater",          # a rater who opened a valid link (the session holds it)
    "rater_wrong",    # a browser holding another rater's link, or a token that matches nothing
    "rater_expired",  # the link's 30 days are over
    "rater_used",     # the rating was submitted
    "reviewer",       # reviewer assigned to the application (not declared yet) and to the one
                      # in review (declared: no conflict); scores a candidate's vignettes
    "reviewer_other",  # a reviewer not assigned to it (both reviewers are endorsed, with TOTP)
    "advisor",        # advisor linked to the application
    "advisor_other",  # an advisor not linked to it
    "coord",          # coordinator, second factor done
    "coord_no2fa",    # coordinator who has not set up the second factor
    "coord_self",     # a coordinator who also applied, on their own application
)


@dataclass
class Actor:
    """What one role's cells need: its session cookie and the records its URLs point at."""

    role: str
    user: object | None
    session_key: str | None
    app: object           # the application this role's URLs name
    ref: object           # a reference request on that application
    token: str            # the rater link this role holds
    extra: dict = field(default_factory=dict)

    @property
    def row(self):
        """Any evidence row of ``app`` (degree, training, ...) by attribute: actor.row.degrees."""
        return _Rows(self.app)


class _Rows:
    def __init__(self, app):
        self.app = app

    def __getattr__(self, name):
        return getattr(self.app, name).order_by("pk").first()


def _session(user=None, two_factor=False, raters=None) -> str:
    store = SessionStore()
    if user is not None:
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if two_factor:
            store[TWO_FACTOR_CHECKED] = True
    if raters:
        from references.views import SESSION_KEY as RATERS
        from references.views import _generation

        store[RATERS] = {str(r.pk): _generation(r) for r in raters}
    store.create()
    return store.session_key


def _request(app, email, status="requested", days_left=20):
    from references import tokens
    from references.models import ReferenceRequest

    raw, digest = tokens.new_token()
    now = timezone.now()
    ref = ReferenceRequest.objects.create(
        application=app, rater_name=email.split("@")[0].title(), rater_email=email,
        role="supervisor", known_for="3 years", waiver_signed_at=now,
        waiver_signed_name=app.applicant.get_full_name(), token_hash=digest,
        token_expires_at=now + dt.timedelta(days=days_left), sent_at=now, status=status,
    )
    return ref, raw


def _certificate(endorsement):
    """The certificate's row and a small PDF file (rendering one with WeasyPrint takes a
    second; what the pages check is who may download it, not what it prints)."""
    from django.core.files.base import ContentFile

    from applicants.tests.factories import PDF
    from endorsement.credentials.certificates import content_of, content_version
    from endorsement.credentials.models import Certificate

    content = content_of(endorsement)
    certificate = Certificate.objects.create(
        endorsement=endorsement, content_version=content_version(content),
        holder_name=content["holder_name"], claimed_at=timezone.now(),
        rendered_at=timezone.now())
    certificate.file.save(f"{endorsement.number}.pdf", ContentFile(PDF))
    return certificate


def _endorse(holder, coordinator, category="II"):
    from endorsement.credentials.services import record_endorsement

    today = timezone.localdate()
    endorsement = record_endorsement(
        holder=holder, program="IMH-E", category=category, issued_on=today.replace(day=1),
        rules_edition=settings.RULES_EDITION, actor=coordinator)
    _certificate(endorsement)
    return endorsement


def _exam_records(coord, coord_self, reviewer):
    """A sitting to come with a candidate (answers in, ``reviewer`` scoring blind), a sitting
    that took place with a candidate waiting for part 1, a candidate approved and not yet
    enrolled; and the same for the coordinator's own examination (they never manage it)."""
    from applicants.models import Application, Status
    from reviews.exams import services as exams
    from reviews.exams.models import ExamSitting

    def sitting(days):
        return ExamSitting.objects.create(
            program="IMH-E", starts_at=timezone.now() + dt.timedelta(days=days),
            mode="in_person", place="MassAIMH office, 1 Main Street, Worcester", capacity=10)

    def approved(applicant):
        application = ApplicationFactory(applicant=applicant, category="III")
        Application.objects.filter(pk=application.pk).update(
            status=Status.APPROVED_FOR_EXAM, submitted_at=timezone.now())
        application.refresh_from_db()
        return application

    upcoming, past = sitting(30), sitting(40)
    candidate = UserFactory(email="matrix-candidate@example.org", first_name="Cam",
                            last_name="Didate")
    enrolment = exams.enrol(upcoming, approved(candidate), actor=coord)
    exams.save_vignette_answers(enrolment, text="Answer to vignette one.", actor=coord)
    script = exams.assign_scorer(enrolment, reviewer, actor=coord)
    sat = exams.enrol(past, approved(UserFactory(email="matrix-candidate2@example.org")),
                      actor=coord)
    ExamSitting.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    waiting = approved(UserFactory(email="matrix-candidate3@example.org"))
    own_enrolment = exams.enrol(upcoming, approved(coord_self), actor=coord)
    own_waiting = approved(coord_self)
    enrolment.refresh_from_db()
    return ({"sitting": upcoming, "enrolment": enrolment, "enrolment_sat": sat,
             "candidate": waiting, "script": script},
            {"enrolment": own_enrolment, "enrolment_sat": own_enrolment,
             "candidate": own_waiting})


def _flagged_email(coord):
    """The notice to ``coord`` that a rater of A flagged their answers (confidential: a
    coordinator who applied never reads these)."""
    from endorsement.models import OutboundEmail

    return OutboundEmail.objects.get(template="references_flagged", to=coord.email)


def _renewal_ready(holder, year, *, submit=False, fee=False, coord=None):
    """An Endorsement® issued last year and due December 31 of ``year``, a log that meets
    Level II, the renewal opened in the window and its details saved (through the renewal
    services); then signed and submitted, and its fee recorded, when asked."""
    from applicants.models import EvidenceLog, RscSession, TrainingEntry
    from endorsement.credentials.models import Endorsement
    from endorsement.renewals import services as renewals

    Endorsement.objects.create(
        number=f"MATRIX-RENEW-{holder.pk:05d}", holder=holder, program="IMH-E", category="II",
        issued_on=dt.date(year - 1, 3, 1), valid_through=dt.date(year, 12, 31),
        rules_edition=settings.RULES_EDITION)
    log = EvidenceLog.of(holder)
    TrainingEntry.objects.create(log=log, title="Attachment", sponsor="X",
                                 date=dt.date(year, 3, 3), hours=16)
    for i in range(8):
        RscSession.objects.create(log=log, date=dt.date(year, 9, 10) - dt.timedelta(days=i),
                                  hours=1.5, format="group", provider_name="Dr. R",
                                  provider_level="IV-C", provider_degree="master")
    renewal = renewals.open_renewal(holder, dt.date(year, 10, 2))
    renewal = renewals.save_details(renewal.pk, actor=holder, membership_number="M1",
                                    membership_expires=dt.date(year + 1, 12, 31),
                                    provides_rsc=False)
    if submit:
        renewal = renewals.submit_renewal(
            renewal.pk, actor=holder, typed_name=holder.get_full_name(), code_of_ethics=True,
            no_sanction=True, today=dt.date(year, 12, 1))
    if fee:
        from reviews.payments import services as payments

        payments.record_renewal_payment(
            renewal, amount=payments.due_for_renewal(renewal).total, method="check",
            received_on=dt.date(year, 12, 1), reference="MATRIX", actor=coord)
        renewal.refresh_from_db()
    return renewal


def _new_feature_records(a, b, coord, coord_self, app, own):
    """Renewals, fees and payments, an import run, a membership, an invitation: for A (the
    holder, the payer) and for the coordinator's own (which they never manage)."""
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from applicants.models import RscSession, TrainingEntry
    from endorsement.credentials import imports
    from endorsement.credentials.services import record_membership
    from endorsement.people import services as people
    from reviews.payments import services as payments

    year = timezone.localdate().year
    renewal = _renewal_ready(a, year)                        # A's, open: A fills and signs it
    submitted = _renewal_ready(b, year, submit=True)          # waiting for its fee
    renewer = UserFactory(email="matrix-renewer@example.org", first_name="Rene",
                          last_name="Wer")
    paid = _renewal_ready(renewer, year, submit=True, fee=True, coord=coord)  # to approve
    own_renewal = _renewal_ready(coord_self, year, submit=True, fee=True, coord=coord)
    fee = payments.save_fee(fee=None, category="", kind="processing", amount=Decimal("150"),
                            effective_on=dt.date(2020, 1, 1), actor=coord)
    today = timezone.localdate()
    payment = payments.record_payment(app, amount=Decimal("50"), method="check",
                                      received_on=today, reference="1001", actor=coord)
    own_payment = payments.record_payment(own, amount=Decimal("50"), method="check",
                                          received_on=today, reference="1002", actor=coord)
    csv = ("email,first_name,last_name,endorsement_number,program,category,issued_on,"
           "valid_through,status,membership_number,membership_association,"
           "membership_valid_through\r\n"
           "old-ana@example.org,Ana,Old,OLD-0001,IMH-E,II,2019-05-01,2030-12-31,,M-1,MassAIMH,"
           "2027-06-30\r\n")
    run = imports.check_upload(SimpleUploadedFile("old.csv", csv.encode()), actor=coord)
    assert run.state == run.State.CHECKED and not run.refused, run.report  # confirmable
    membership = record_membership(a, number="M-77", valid_through=dt.date(year + 1, 6, 30),
                                   actor=coord)
    _invitation, invitation_token = people.invite("matrix-invited@example.org", "coordinator",
                                                  actor=coord)
    log_training = TrainingEntry.objects.for_user(a).order_by("pk").first()
    log_rsc = RscSession.objects.for_user(a).order_by("pk").first()
    common = {"fee": fee, "import_run": run, "membership": membership,
              "invitation_token": invitation_token}
    return ({**common, "renewal": renewal, "renewal_submitted": submitted,
             "renewal_paid": paid, "payment": payment, "person": a,
             "log_training": log_training, "log_rsc": log_rsc},
            {**common, "renewal": own_renewal, "renewal_submitted": own_renewal,
             "renewal_paid": own_renewal, "payment": own_payment, "person": coord_self,
             "log_training": TrainingEntry.objects.for_user(coord_self).order_by("pk").first(),
             "log_rsc": RscSession.objects.for_user(coord_self).order_by("pk").first()})


def _training_records(a, coord) -> dict:
    """The training calendar (issue 16): a partner organisation and its trainer, a training to
    come that A signed up for, and one that took place, A present on its roll (credited)."""
    from endorsement.trainings import services as trainings
    from endorsement.trainings.models import Signup, Training
    from endorsement.trainings.tests.helpers import make_training, partner_user

    member = partner_user("matrix-trainer@example.org", "Matrix Family Institute")
    organisation = member.training_partners.get()
    upcoming = make_training(organisation, days=20, title="Matrix training ahead")
    trainings.sign_up(upcoming.pk, a)
    past = make_training(organisation, days=20, title="Matrix training held")
    trainings.sign_up(past.pk, a)
    Training.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=3))
    trainings.take_roll(past.pk, [a.pk], actor=coord)
    return {"training": upcoming, "training_held": past, "training_partner": organisation,
            "training_member": member,
            "training_signup": Signup.objects.get(training=past, user=a)}


def _consultation_records(a, b, coord, reviewer):
    """Issue 16 (consultation): a group ``reviewer`` (endorsed IV-C) facilitates with A in a
    seat and a session that took place, B waiting for a seat; ``reviewer``'s entry in the RSC
    directory and A's request to them, not answered yet."""
    from endorsement.consultation.models import (
        ConsultationGroup,
        GroupMember,
        GroupSession,
        ProviderListing,
        ProviderRequest,
        SeatRequest,
    )

    group = ConsultationGroup.objects.create(
        name="Matrix RSC group", facilitator=reviewer, region="central", language="English",
        format="online", capacity=8, created_by=coord)
    member = GroupMember.objects.create(group=group, person=a, placed_by=coord)
    seat = SeatRequest.objects.create(group=group, person=b, other_access=False)
    session = GroupSession.objects.create(group=group, hours=1.5,
                                          starts_at=timezone.now() - dt.timedelta(days=1))
    listing = ProviderListing.objects.create(
        provider=reviewer, offers_individual=True, regions=",central,", languages="English",
        online=True, fee="sliding", openings=2, contact_email="matrix-reviewer@example.org")
    sent = ProviderRequest.objects.create(listing=listing, applicant=a, message="Hello",
                                          wants="individual")
    return {"group": group, "group_member": member, "seat_request": seat,
            "group_session": session, "rsc_listing": listing, "provider_request": sent}


def build() -> dict[str, Actor]:
    from applicants.workflow import transition
    from references import notices
    from references.models import ReferenceRating
    from reviews import reviewing
    from reviews import services as reviews
    from reviews.models import ReviewAssignment
    from reviews.tests.helpers import in_review, rate_references

    a = UserFactory(email="matrix-a@example.org", first_name="Ana", last_name="Lopez")
    b = UserFactory(email="matrix-b@example.org", first_name="Ben", last_name="Berg")
    reviewer = ReviewerFactory(email="matrix-reviewer@example.org", endorsed="IV-C")
    reviewer_other = ReviewerFactory(email="matrix-reviewer2@example.org", endorsed="IV-C")
    advisor = AdvisorFactory(email="matrix-advisor@example.org")
    advisor_other = AdvisorFactory(email="matrix-advisor2@example.org")
    coord = CoordinatorFactory(email="matrix-coord@example.org")
    coord_no2fa = UserFactory(email="matrix-coord2@example.org", role="coordinator",
                              is_staff=True)
    coord_self = CoordinatorFactory(email="matrix-coord-self@example.org",
                                    first_name="Cy", last_name="Self")

    app = complete(ApplicationFactory(applicant=a, category="IV-C"))
    app.advisor = advisor
    app.save()
    b_app = complete(ApplicationFactory(applicant=b, category="II"))
    own = complete(ApplicationFactory(applicant=coord_self, category="IV-C"))
    ReviewAssignment.objects.create(application=app, reviewer=reviewer, assigned_by=coord)
    assignment = ReviewAssignment.objects.create(application=app, reviewer=reviewer_other,
                                                 assigned_by=coord)
    assignment.delete()  # reviewer_other was assigned once; only reviewer is now

    valid, valid_token = _request(app, "rita@example.org", status="opened")
    # Another rater's link (on B's application: A's already has the three raters at most).
    other, other_token = _request(b_app, "otto@example.org", status="opened")
    expired, expired_token = _request(app, "eve@example.org", status="opened", days_left=-1)
    used, used_token = _request(app, "uma@example.org", status="submitted")
    used.submitted_at = timezone.now()
    used.save(update_fields=["submitted_at"])
    rating = ReferenceRating.objects.create(
        request=used, recommendation="recommend", flagged=True, comments="Secret remark 7781",
        submitted_at=timezone.now())
    notices.submitted(used, rating, [coord.email, coord_self.email])
    own_ref, own_token = _request(own, "olga@example.org", status="opened")
    unknown_token = "x" * 43

    # Applicant A's rsc sessions entered as one series (one page changes them all).
    app.rsc.update(series="a" * 32)
    own.rsc.update(series="b" * 32)

    # In review: A's second application and the coordinator's own, both submitted (version
    # 1 kept), ``reviewer`` assigned to A's and declared free of conflict (reviewer_other is
    # not assigned to it); their first assignment, on A's draft, is not declared yet.
    reviewed = in_review(a, coord)
    review_assignment = reviews.assign_reviewer(reviewed, reviewer, actor=coord)
    reviewing.declare_conflict(review_assignment, conflict=False, note="", actor=reviewer)
    own_reviewed = in_review(coord_self, coord)
    # Submitted, the review not started yet: B's second application.
    submitted = complete(ApplicationFactory(applicant=b, category="II", fee_paid=True))
    rate_references(submitted)
    transition(submitted, "submitted", actor=b)

    exam, own_exam = _exam_records(coord, coord_self, reviewer)
    endorsement = _endorse(a, coord)
    own_endorsement = _endorse(coord_self, coord)
    new, own_new = _new_feature_records(a, b, coord, coord_self, app, own)
    training = _training_records(a, coord)
    consultation = _consultation_records(a, b, coord, reviewer)

    extras = {"assignment": app.review_assignments.first(), "other_ref": other,
              "reviewer_other": reviewer_other, "advisor_other": advisor_other,
              "reviewer": reviewer, "used_ref": used,
              "flagged_email": _flagged_email(coord),
              "reviewed": reviewed, "review_assignment": review_assignment,
              "submitted": submitted,
              "endorsement": endorsement, **exam, **new, **training, **consultation}
    own_extras = {**extras, "reviewed": own_reviewed, "submitted": own_reviewed,
                  "used_ref": own_ref,
                  "endorsement": own_endorsement, **own_exam, **own_new}

    def actor(role, user=None, two_factor=False, raters=None, app=app, ref=valid,
              token=valid_token, extra=extras):
        return Actor(role, user, _session(user, two_factor, raters), app, ref, token,
                     extra)

    actors = [
        Actor("anon", None, None, app, valid, valid_token,
              extras),
        actor("A", a),
        actor("B", b),
        actor("rater", raters=[valid]),
        actor("rater_wrong", raters=[other], token=unknown_token),
        actor("rater_expired", raters=[expired], ref=expired, token=expired_token),
        actor("rater_used", raters=[used], ref=used, token=used_token),
        actor("reviewer", reviewer),
        actor("reviewer_other", reviewer_other),
        actor("advisor", advisor),
        actor("advisor_other", advisor_other),
        actor("coord", coord, two_factor=True),
        actor("coord_no2fa", coord_no2fa),
        actor("coord_self", coord_self, two_factor=True, app=own, ref=own_ref, token=own_token,
              extra=own_extras),
    ]
    assert tuple(x.role for x in actors) == ROLES
    return {x.role: x for x in actors}
