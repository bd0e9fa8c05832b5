"""Seed a throwaway database with N applications and everything around them, fast.

Rows are built in Python with their ids chosen here and written with PostgreSQL's COPY (or
executemany on SQLite), bypassing the models' save() and the services on purpose: nothing
here is audited or emailed for real. The sequences are moved past the ids at the end, so the
application creates rows after these as usual.

For 100,000 applications that is about 3 million rows (applications, profiles, evidence logs,
training, work and RSC rows, three reference requests each with their ratings, status events,
reviews, exam results, Endorsements®, registry listings, renewals, payments, outbox and audit
rows).
"""
from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

FIRST = ["Ana", "Maya", "Sam", "Lee", "Rosa", "Jamal", "Kim", "Noor", "Eli", "Ivy", "Omar",
         "Zoe", "Ravi", "Lena", "Theo", "Ada", "Kai", "Mia", "Luca", "Nia", "José", "Chloé"]
LAST = ["Lopez", "Smith", "Nguyen", "Okafor", "Cohen", "Silva", "Patel", "Murphy", "Kowalski",
        "Haddad", "Johnson", "Tran", "Garcia", "Brown", "Rossi", "Kim", "Olsen", "Diaz"]
STATUSES = [("draft", 20), ("submitted", 12), ("in_review", 12), ("approved_for_exam", 4),
            ("exam", 3), ("awaiting_decision", 2), ("returned", 4), ("endorsed", 33),
            ("not_endorsed", 4), ("deferred", 2), ("withdrawn", 7)]
CATEGORIES = [("I", 20), ("II", 35), ("III", 30), ("IV-C", 8), ("IV-P", 4), ("IV-RF", 3)]
AREAS = ["theoretical_foundations", "law_regulation", "systems_expertise", "direct_service",
         "working_with_others", "communicating", "reflection", "thinking"]
REVIEWED = {"in_review", "approved_for_exam", "exam", "awaiting_decision", "endorsed",
            "not_endorsed", "deferred"}
DECIDED = {"endorsed", "not_endorsed", "deferred"}


class Inserter:
    """COPY on PostgreSQL, executemany elsewhere; ids chosen by the caller."""

    def __init__(self):
        self.now = timezone.now()
        self.next_ids: dict = {}
        self.touched: list = []
        self.counts: dict = {}

    def ids(self, model, n: int) -> range:
        start = self.next_ids.get(model)
        if start is None:
            start = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        self.next_ids[model] = start + n
        return range(start, start + n)

    def _defaults(self, model, given):
        defaults = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and (field.auto_now or
                                                            field.auto_now_add):
                defaults[field.attname] = self.now
            elif field.has_default() or field.null or field.empty_strings_allowed:
                defaults[field.attname] = field.get_default()
            elif field.attname not in given:
                raise ValueError(f"{model.__name__}.{field.attname} needs a value")
        return defaults

    def insert(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        given = set(rows[0])
        defaults = self._defaults(model, given)
        columns = [f for f in model._meta.concrete_fields]
        names = [f.column for f in columns]
        table = connection.ops.quote_name(model._meta.db_table)
        json_fields = {f.attname for f in columns if isinstance(f, models.JSONField)}
        if model not in self.touched:
            self.touched.append(model)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(rows)
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(n) for n in names)
            with connection.cursor() as cursor:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        values = []
                        for f in columns:
                            value = row.get(f.attname, defaults.get(f.attname))
                            if f.attname in json_fields and value is not None:
                                value = json.dumps(value, default=str)
                            values.append(value)
                        copy.write_row(values)
            return
        quoted = ", ".join(connection.ops.quote_name(n) for n in names)
        marks = ", ".join(["%s"] * len(names))
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 - model names
        prepared = [[f.get_db_prep_save(row.get(f.attname, defaults.get(f.attname)), connection)
                     for f in columns] for row in rows]
        with connection.cursor() as cursor:
            for start in range(0, len(prepared), 2000):
                cursor.executemany(sql, prepared[start:start + 2000])

    def finish(self) -> None:
        """Move every sequence past the ids written here."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.touched)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def snapshot_for(rng, n_training, n_rsc) -> dict:
    """A submitted application's snapshot: a few kilobytes of JSON, like the real ones."""
    return {"case": {"training": [{"title": f"Workshop {i}", "hours": "6.00",
                                   "areas": rng.sample(AREAS, 2)} for i in range(n_training)],
                     "rsc": [{"date": "2024-01-01", "hours": "1.50", "format": "individual"}
                             for _ in range(n_rsc)]},
            "answers": {"about": "x" * 400, "agreements": ["code_of_ethics", "release"]}}


def seed(count: int, *, write=print, seed_value: int = 14) -> dict:
    """Insert ``count`` applicants with one application each (and all around them)."""
    from applicants import figures
    from applicants.models import (
        ApplicantProfile,
        Application,
        ApplicationEvent,
        EvidenceLog,
        RscSession,
        SubmissionVersion,
        TrainingEntry,
        WorkEntry,
    )
    from endorsement.credentials.models import Endorsement, RegistryListing
    from endorsement.models import AuditEvent, OutboundEmail, Role, User
    from endorsement.renewals.models import Renewal
    from references.models import ReferenceRating, ReferenceRequest
    from reviews.exams.models import ExamEnrolment, ExamSitting
    from reviews.models import Review, ReviewAssignment
    from reviews.payments.models import Payment

    rng = random.Random(seed_value)
    ins = Inserter()
    now = ins.now
    today = timezone.localdate()
    password = make_password("bench-password")
    edition = "massaimh-2015"
    statuses = [s for s, w in STATUSES for _ in range(w)]
    categories = [c for c, w in CATEGORIES for _ in range(w)]

    # Staff: a coordinator who acts in the history, and 40 reviewers.
    staff_ids = ins.ids(User, 41)
    ins.insert(User, [{"id": staff_ids[0], "email": "seed-coordinator@bench.test",
                       "first_name": "Cora", "last_name": "Seed", "role": Role.COORDINATOR,
                       "is_staff": True, "password": password, "date_joined": now}]
               + [{"id": pk, "email": f"seed-reviewer{n}@bench.test", "first_name": "Rev",
                   "last_name": f"Iewer{n}", "role": Role.REVIEWER, "password": password,
                   "date_joined": now} for n, pk in enumerate(staff_ids[1:])])
    coordinator_id, reviewer_ids = staff_ids[0], list(staff_ids[1:])

    user_ids = ins.ids(User, count)
    users, profiles, logs, apps = [], [], [], []
    profile_ids, log_ids, app_ids = (ins.ids(ApplicantProfile, count),
                                     ins.ids(EvidenceLog, count), ins.ids(Application, count))
    plan = []
    for n in range(count):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{n % 997}"
        created = now - dt.timedelta(days=rng.randint(1, 3650), minutes=rng.randint(0, 1440))
        status = rng.choice(statuses)
        category = rng.choice(categories)
        program = "IMH-E" if rng.random() < 0.7 else "ECMH-E"
        submitted = None if status == "draft" else created + dt.timedelta(days=rng.randint(5, 90))
        n_training = rng.randint(3, 15)
        n_rsc = 0 if category == "I" else rng.randint(2, 12)
        plan.append((n, status, category, program, created, submitted, n_training, n_rsc))
        users.append({"id": user_ids[n], "email": f"a{n}@bench.test", "first_name": first,
                      "last_name": last, "role": Role.APPLICANT, "password": password,
                      "date_joined": created, "is_active": True})
        profiles.append({"id": profile_ids[n], "user_id": user_ids[n],
                         "full_name": f"{first} {last}", "phone": "617-555-0100",
                         "address": f"{n} Main Street", "city": "Worcester",
                         "postal_code": "01608", "work_setting": "home_visiting",
                         "region": rng.choice(["western", "central", "northeast",
                                               "metro_boston", "southeast", "outside"]),
                         "languages": "English", "updated_at": created})
        logs.append({"id": log_ids[n], "user_id": user_ids[n], "created_at": created})
        apps.append({"id": app_ids[n], "applicant_id": user_ids[n], "program": program,
                     "category": category, "status": status, "rules_edition": edition,
                     "fee_paid": status != "draft" and rng.random() < 0.8,
                     "created_at": created, "updated_at": submitted or created,
                     "submitted_at": submitted,
                     "last_section": "training", "last_section_at": created,
                     "snapshot": snapshot_for(rng, n_training, n_rsc) if submitted else None})
    ins.insert(User, users)
    ins.insert(ApplicantProfile, profiles)
    ins.insert(EvidenceLog, logs)
    ins.insert(Application, apps)
    del users, profiles, logs
    write(f"  {count} applicants and applications")

    training, rsc, work, versions = [], [], [], []
    for n, _status, _category, _program, created, submitted, n_training, n_rsc in plan:
        app_id, log_id = app_ids[n], log_ids[n]
        base = created.date()
        for i in range(n_training):
            training.append({"application_id": app_id, "log_id": log_id,
                             "title": f"Infant mental health workshop {i}", "sponsor": "MassAIMH",
                             "date": base - dt.timedelta(days=30 * i + 1),
                             "hours": Decimal("6.00"), "competency_areas": rng.sample(AREAS, 2)})
        for i in range(n_rsc):
            rsc.append({"application_id": app_id, "log_id": log_id,
                        "date": base - dt.timedelta(days=14 * i + 1), "hours": Decimal("1.50"),
                        "format": "individual", "provider_name": "Dr. Rivera",
                        "provider_level": "III", "provider_degree": "master"})
        for i in range(rng.randint(1, 3)):
            work.append({"application_id": app_id, "employer": f"Agency {n % 500}",
                         "role": "Home visitor", "start": base - dt.timedelta(days=900 * (i + 1)),
                         "end": base - dt.timedelta(days=900 * i + 30), "kind": "infant_family",
                         "families_served": 20})
        if submitted:
            versions.append({"application_id": app_id, "number": 1, "submitted_at": submitted,
                             "submitted_by_id": user_ids[n], "snapshot": {"v": 1}})
    for model, rows in ((TrainingEntry, training), (RscSession, rsc), (WorkEntry, work),
                        (SubmissionVersion, versions)):
        pks = ins.ids(model, len(rows))
        for pk, row in zip(pks, rows, strict=True):
            row["id"] = pk
        ins.insert(model, rows)
    write(f"  {len(training)} training, {len(rsc)} RSC, {len(work)} work rows")
    del training, rsc, work, versions

    refs, ratings, events, audits, emails = [], [], [], [], []
    assignments, reviews = [], []
    roles = ["supervisor", "rsc_provider", "colleague"]
    for n, status, _category, _program, created, submitted, _t, _r in plan:
        app_id = app_ids[n]
        for r in range(3):
            roll = rng.random()
            if submitted:
                ref_status = ("submitted" if roll < 0.85 else "requested" if roll < 0.93
                              else "declined" if roll < 0.97 else "expired")
            else:
                ref_status = ("requested" if roll < 0.6 else "submitted" if roll < 0.9
                              else "declined" if roll < 0.95 else "expired")
            sent = created + dt.timedelta(days=1)
            refs.append({"application_id": app_id, "rater_name": f"Rater {n}-{r}",
                         "rater_email": f"r{n}-{r}@bench.test", "role": roles[r],
                         "known_for": "3 years", "waiver_signed_at": sent,
                         "rater_endorsement": rng.choice(["", "", "II", "III"]),
                         "endorsement_verified": rng.random() < 0.8, "status": ref_status,
                         "token_hash": f"{n:032x}{r:032x}",
                         "token_expires_at": sent + dt.timedelta(days=30),
                         "sent_at": sent, "created_at": sent, "created_by_id": user_ids[n],
                         "submitted_at": sent + dt.timedelta(days=5)
                         if ref_status == "submitted" else None,
                         "declined_at": sent + dt.timedelta(days=3)
                         if ref_status == "declined" else None})
        if submitted:
            events.append({"application_id": app_id, "from_status": "draft",
                           "to_status": "submitted", "actor_id": user_ids[n],
                           "created_at": submitted})
            audits.append({"action": "application.status", "actor_id": user_ids[n],
                           "subject_type": "applicants.application", "subject_id": app_id,
                           "detail": {"to_status": "submitted"}, "created_at": submitted})
            if status not in ("submitted", "withdrawn"):
                later = submitted + dt.timedelta(days=10)
                events.append({"application_id": app_id, "from_status": "submitted",
                               "to_status": status, "actor_id": coordinator_id,
                               "created_at": later})
                audits.append({"action": "application.status", "actor_id": coordinator_id,
                               "subject_type": "applicants.application", "subject_id": app_id,
                               "detail": {"to_status": status}, "created_at": later})
            if status in REVIEWED:
                for reviewer in rng.sample(reviewer_ids, 2):
                    assignments.append({"application_id": app_id, "reviewer_id": reviewer,
                                        "assigned_by_id": coordinator_id, "conflict": False})
                    if status in DECIDED or status == "approved_for_exam" or rng.random() < 0.5:
                        reviews.append({"assignment": len(assignments) - 1, "version": 1,
                                        "areas": {a: {"met": True, "comment": ""}
                                                  for a in AREAS[:4]},
                                        "recommendation": "endorse",
                                        "submitted_at": submitted + dt.timedelta(days=20)})
        for e in range(3):
            emails.append({"to": f"a{n}@bench.test", "subject": f"Update {e} on your application",
                           "body_text": "Hello,\n\nAn update on your application.\n" * 5,
                           "template": "reviews_message", "status": "sent",
                           "created_at": created + dt.timedelta(days=e), "sent_at": created,
                           "about_type": "applicants.application", "about_id": app_id})
    pks = ins.ids(ReferenceRequest, len(refs))
    for pk, row in zip(pks, refs, strict=True):
        row["id"] = pk
        if row["status"] == "submitted":
            ratings.append({"request_id": pk, "scores": {a: "3" for a in AREAS[:4]},
                            "recommendation": "recommend", "comments": "Works well with families.",
                            "submitted_at": row["submitted_at"],
                            "flagged": rng.random() < 0.03})
    ins.insert(ReferenceRequest, refs)
    for model, rows in ((ReferenceRating, ratings), (ApplicationEvent, events),
                        (AuditEvent, audits), (OutboundEmail, emails),
                        (ReviewAssignment, assignments)):
        pks = ins.ids(model, len(rows))
        for pk, row in zip(pks, rows, strict=True):
            row["id"] = pk
        ins.insert(model, rows)
    for row in reviews:
        row["assignment_id"] = assignments[row.pop("assignment")]["id"]
    for pk, row in zip(ins.ids(Review, len(reviews)), reviews, strict=True):
        row["id"] = pk
    ins.insert(Review, reviews)
    if connection.vendor == "postgresql":
        # Statistics first: without them the planner guesses that a handful of ratings are
        # submitted and reads the whole status index once per application (the recount below
        # then ran for over 20 minutes at 100,000 applications instead of seconds).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    figures.recount_all()  # the queue's figures of each application (rows written by COPY)
    write(f"  {len(refs)} reference requests, {len(ratings)} ratings, {len(events)} events, "
          f"{len(audits)} audit rows, {len(emails)} emails, {len(reviews)} reviews")
    del refs, ratings, events, audits, emails, assignments, reviews

    # Exams: one sitting a month per program over three years; results for level III and up.
    sittings = []
    for months in range(36):
        for program in ("IMH-E", "ECMH-E"):
            sittings.append({"program": program, "starts_at": now - dt.timedelta(days=30 * months),
                             "place": "Worcester", "capacity": 400,
                             "created_by_id": coordinator_id})
    for pk, row in zip(ins.ids(ExamSitting, len(sittings)), sittings, strict=True):
        row["id"] = pk
    ins.insert(ExamSitting, sittings)
    enrolments = []
    for n, status, category, program, _created, _submitted, _t, _r in plan:
        if category in ("I", "II") or status not in ("approved_for_exam", "exam",
                                                     "endorsed", "not_endorsed"):
            continue
        sitting = sittings[2 * rng.randint(0, 35) + (program == "ECMH-E")]
        passed = status != "not_endorsed"
        enrolments.append({"sitting_id": sitting["id"], "application_id": app_ids[n],
                           "candidate_code": f"C{n:08d}", "rules_edition": edition,
                           "part1_score": 80 if passed else 50, "part1_passed": passed,
                           "part2_passed": passed if status != "approved_for_exam" else None,
                           "result": "pending" if status == "approved_for_exam"
                           else "passed" if passed else "failed",
                           "enrolled_by_id": coordinator_id})
    for pk, row in zip(ins.ids(ExamEnrolment, len(enrolments)), enrolments, strict=True):
        row["id"] = pk
    ins.insert(ExamEnrolment, enrolments)

    # Endorsements®: the endorsed applications, and one entered by hand (before this system)
    # for every other applicant, so the renewal sweep reads one per applicant.
    endorsements, listings, renewals, links, payments = [], [], [], [], []
    end_ids = ins.ids(Endorsement, count)
    renewal_ids = iter(ins.ids(Renewal, count))
    due = dt.date(today.year, 12, 31)
    for n, status, category, program, created, submitted, _t, _r in plan:
        issued = (submitted or created).date() + dt.timedelta(days=60)
        endorsed = status == "endorsed"
        active = rng.random() < 0.85
        endorsements.append({
            "id": end_ids[n], "number": f"{program}-{issued.year}-{n:06d}",
            "holder_id": user_ids[n], "program": program,
            "category": category if endorsed else "I", "issued_on": issued,
            "valid_through": due if active else due.replace(year=today.year - 1),
            "status": "active" if active else "lapsed", "rules_edition": edition,
            "application_id": app_ids[n] if endorsed else None,
            "entered_by_id": None if endorsed else coordinator_id})
        if active and rng.random() < 0.3:
            listings.append({"holder_id": user_ids[n], "display_name": f"{n} listed",
                             "sort_name": "", "region": "central"})
        if active and rng.random() < 0.2:
            renewal_status = rng.choice(["open", "submitted", "submitted", "approved",
                                         "returned"])
            pk = next(renewal_ids)
            sent = renewal_status != "open"
            renewals.append({"id": pk, "holder_id": user_ids[n], "year": today.year,
                             "due_on": due, "status": renewal_status,
                             "fee_due": Decimal("50.00") if sent else None,
                             "fee_paid": sent and rng.random() < 0.7,
                             "submitted_at": now - dt.timedelta(days=rng.randint(1, 60))
                             if sent else None,
                             "typed_name": "Bench Holder" if sent else "",
                             "signed_at": now if sent else None})
            links.append({"renewal_id": pk, "endorsement_id": end_ids[n]})
            if renewals[-1]["fee_paid"]:
                payments.append({"payer_id": user_ids[n], "renewal_id": pk,
                                 "purpose": "renewal", "amount": Decimal("50.00"),
                                 "method": "check", "received_on": today,
                                 "recorded_by_id": coordinator_id})
        if apps[n]["fee_paid"]:
            payments.append({"payer_id": user_ids[n], "application_id": app_ids[n],
                             "purpose": "processing", "amount": Decimal("75.00"),
                             "method": "check", "received_on": (submitted or created).date(),
                             "recorded_by_id": coordinator_id})
    ins.insert(Endorsement, endorsements)
    # The registry keeps the family name apart for its order ("display_name" is the holder's
    # own choice of name); take the real names.
    names = {u: (f, last) for u, f, last in
             User.objects.filter(pk__in=[row["holder_id"] for row in listings])
             .values_list("pk", "first_name", "last_name")}
    for row in listings:
        first, last = names[row["holder_id"]]
        row["display_name"] = f"{first} {last}"
        row["sort_name"] = f"{last} {first}".lower()
    for model, rows in ((RegistryListing, listings), (Renewal, renewals),
                        (Renewal.endorsements.through, links), (Payment, payments)):
        if model is not Renewal:
            for pk, row in zip(ins.ids(model, len(rows)), rows, strict=True):
                row["id"] = pk
        ins.insert(model, rows)
    write(f"  {len(endorsements)} Endorsements®, {len(enrolments)} exam results, "
          f"{len(listings)} registry listings, {len(renewals)} renewals, "
          f"{len(payments)} payments")
    ins.finish()
    return {"rows": sum(ins.counts.values()), "counts": ins.counts,
            "coordinator_id": coordinator_id}
