"""Moving in from the old system: endorsed people, their Endorsements® and membership from a
CSV file (the layout is in docs/import.md).

``check(data)`` reads the file and says, row by row, what would be created, updated or refused
and why; nothing is written. ``apply(data, actor)`` checks again and, only when no row is
refused, writes every row in one transaction (nothing half-imported), in batches with few
queries each (10,000 rows well under a minute), reporting progress through ``progress(done,
total)``. Importing the same file twice updates instead of duplicating: people are matched by
email, Endorsements® by their number (kept exactly as given), membership by person.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from endorsement.models import AuditEvent, Role, User

from .models import Endorsement, EndorsementStatus, Membership
from .public import NUMBER

REQUIRED = ("email", "first_name", "last_name", "endorsement_number", "program", "category",
            "issued_on", "valid_through")
OPTIONAL = ("status", "membership_number", "membership_association",
            "membership_valid_through")
CATEGORIES = ("I", "II", "III", "IV-C", "IV-P", "IV-RF")
PROGRAMS = {"IMH-E": "IMH-E", "IMHE": "IMH-E", "ECMH-E": "ECMH-E", "ECMHE": "ECMH-E"}
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
BATCH = 1000


class FileRefused(Exception):
    """The whole file cannot be read; the message says why."""


@dataclass
class Row:
    line: int
    action: str  # "create", "update" or "refuse"
    reasons: list = field(default_factory=list)
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    number: str = ""
    program: str = ""
    category: str = ""
    issued_on: dt.date | None = None
    valid_through: dt.date | None = None
    status: str = ""
    membership_number: str = ""
    membership_association: str = ""
    membership_valid_through: dt.date | None = None
    person_exists: bool = False

    def as_report(self) -> dict:
        return {"line": self.line, "action": self.action, "email": self.email,
                "number": self.number, "name": f"{self.first_name} {self.last_name}".strip(),
                "reasons": self.reasons}


@dataclass
class Result:
    rows: list[Row]
    file_error: str = ""

    @property
    def refused(self) -> list[Row]:
        return [r for r in self.rows if r.action == "refuse"]

    def counts(self) -> dict:
        out = {"create": 0, "update": 0, "refuse": 0}
        for row in self.rows:
            out[row.action] += 1
        return out

    def as_report(self) -> dict:
        return {"file_error": self.file_error, "counts": self.counts(),
                "rows": [r.as_report() for r in self.rows]}


# Called with the ids of the people an import renamed (in bulk: no save signal), by the apps
# that keep a copy of names (applicants: what the queue's search matches).
RENAMED: list[Callable[[list[int]], None]] = []


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252/Latin-1."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than %(mb)s MB; split it into smaller files.")
                          % {"mb": MAX_BYTES // (1024 * 1024)})
    if b"\x00" in data[:65536] or not data.strip():
        raise FileRefused(_("This is not a CSV text file (it is empty or has binary content)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _header(names: list[str]) -> list[str]:
    return [n.strip().lstrip("\ufeff").strip().lower().replace(" ", "_") for n in names]


def _read(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _header(next(reader, []))
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise FileRefused(_("The file has no column %(columns)s (the first line must "
                                "name the columns; see the layout).")
                              % {"columns": ", ".join(missing)})
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise FileRefused(_("The file has more than %(n)s rows; split it.")
                                  % {"n": MAX_ROWS})
            rows.append((reader.line_num, dict(zip(header, values, strict=False)),
                         len(values) - len(header)))
    except csv.Error as exc:
        raise FileRefused(_("The file cannot be read as CSV: %(error)s") % {"error": exc}
                          ) from None
    return header, rows


def _parse(line: int, raw: dict, extra: int) -> Row:
    def value(name, limit=200):
        return (raw.get(name) or "").strip()[:limit]

    row = Row(line=line, action="create", email=value("email").lower(),
              first_name=value("first_name", 150), last_name=value("last_name", 150),
              number=value("endorsement_number", 60),
              membership_number=value("membership_number", 50),
              membership_association=value("membership_association", 100))
    if extra > 0:
        row.reasons.append(_("The row has more values than the header has columns."))
    elif extra < 0:
        row.reasons.append(_("The row has fewer values than the header has columns."))
    try:
        validate_email(row.email)
    except ValidationError:
        row.reasons.append(_("“%(email)s” is not an email address.") % {"email": row.email})
    if not row.last_name:
        row.reasons.append(_("The last name is missing."))
    if not row.number:
        row.reasons.append(_("The Endorsement® number is missing."))
    elif len(row.number) > 40:
        row.reasons.append(_("The Endorsement® number is longer than 40 characters."))
    elif not NUMBER.match(row.number):
        row.reasons.append(_("The Endorsement® number “%(number)s” may have only capital "
                             "letters, digits, hyphens, dots and slashes (verification looks "
                             "numbers up in capitals).") % {"number": row.number})
    program = value("program").upper().replace("®", "").strip()
    row.program = PROGRAMS.get(program, "")
    if not row.program:
        row.reasons.append(_("The program “%(value)s” is not IMH-E or ECMH-E.")
                           % {"value": value("program")})
    row.category = value("category").upper().replace(" ", "")
    if row.category not in CATEGORIES:
        row.reasons.append(_("The category “%(value)s” is not one of %(choices)s.")
                           % {"value": value("category"), "choices": ", ".join(CATEGORIES)})
    for name, label in (("issued_on", _("issue date")), ("valid_through",
                                                          _("valid-through date")),
                        ("membership_valid_through", _("membership date"))):
        text = value(name)
        if not text and name == "membership_valid_through":
            continue
        try:
            setattr(row, name, _date(text))
        except ValueError:
            row.reasons.append(_("The %(what)s “%(value)s” is not a date (write 2026-06-30 "
                                 "or 06/30/2026).") % {"what": label, "value": text})
    if row.issued_on and row.valid_through and row.valid_through < row.issued_on:
        row.reasons.append(_("The Endorsement® is valid through a date before it was issued."))
    status = value("status").lower()
    if status and status not in EndorsementStatus.values:
        row.reasons.append(_("The status “%(value)s” is not one of %(choices)s.")
                           % {"value": status, "choices": ", ".join(EndorsementStatus.values)})
    elif status:
        row.status = status
    elif row.valid_through:
        row.status = (EndorsementStatus.ACTIVE if row.valid_through >= timezone.localdate()
                      else EndorsementStatus.LAPSED)
    return row


def check(data: bytes) -> Result:
    """Every row's outcome, nothing written."""
    try:
        _header_names, raw_rows = _read(decode(data))
    except FileRefused as exc:
        return Result(rows=[], file_error=str(exc))
    rows = [_parse(line, raw, extra) for line, raw, extra in raw_rows]
    first_line: dict[str, int] = {}
    emails_in_file: dict[str, int] = {}
    for row in rows:
        if row.number:
            if row.number in first_line:
                row.reasons.append(_("The number %(number)s is also on line %(line)s.")
                                   % {"number": row.number, "line": first_line[row.number]})
            else:
                first_line[row.number] = row.line
        emails_in_file.setdefault(row.email, row.line)
    numbers = list(first_line)
    holders = {}
    for start in range(0, len(numbers), BATCH):
        holders.update(Endorsement.objects.filter(number__in=numbers[start:start + BATCH])
                       .annotate(email=Lower("holder__email")).values_list("number", "email"))
    emails = list(emails_in_file)
    known = set()
    for start in range(0, len(emails), BATCH):
        known.update(User.objects.annotate(lower=Lower("email")).filter(
            lower__in=emails[start:start + BATCH]).values_list("lower", flat=True))
    for row in rows:
        held_by = holders.get(row.number)
        if held_by is not None and held_by != row.email:
            row.reasons.append(_("The number %(number)s already belongs to someone else here.")
                               % {"number": row.number})
        row.person_exists = row.email in known
        if row.reasons:
            row.action = "refuse"
        elif held_by is not None or row.person_exists:
            row.action = "update"
    return Result(rows=rows)


def apply(data: bytes, *, actor, progress: Callable[[int, int], None] | None = None) -> Result:
    """Check, and when no row is refused write them all in one transaction."""
    result = check(data)
    if result.file_error or result.refused:
        return result
    rows = result.rows
    created_people: list[int] = []
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            created_people += _write(rows[start:start + BATCH], actor)
            if progress:
                progress(min(start + BATCH, len(rows)), len(rows))
    result.created_people = created_people
    return result


def _write(rows: list[Row], actor) -> list[int]:
    now = timezone.now()
    emails = {r.email for r in rows}
    people = {u.email.lower(): u for u in User.objects.annotate(lower=Lower("email"))
              .filter(lower__in=emails)}
    new_people = []
    for row in rows:
        if row.email not in people:
            person = User(email=row.email, first_name=row.first_name,
                          last_name=row.last_name, role=Role.APPLICANT,
                          password=make_password(None), date_joined=now)
            people[row.email] = person
            new_people.append(person)
    User.objects.bulk_create(new_people)
    if new_people and new_people[0].pk is None:  # databases that return no ids
        ids = dict(User.objects.filter(email__in=[p.email for p in new_people])
                   .values_list("email", "pk"))
        for person in new_people:
            person.pk = person.id = ids[person.email]
    # The old system knew these addresses; the emailed invitation proves the person has it.
    EmailAddress.objects.bulk_create([EmailAddress(user=p, email=p.email, verified=True,
                                                   primary=True) for p in new_people],
                                     ignore_conflicts=True)
    renamed = [people[r.email] for r in rows
               if r.first_name and (people[r.email].first_name, people[r.email].last_name)
               != (r.first_name, r.last_name)]
    for row in rows:
        person = people[row.email]
        if row.first_name:
            person.first_name, person.last_name = row.first_name, row.last_name
    User.objects.bulk_update({p.pk: p for p in renamed}.values(), ["first_name", "last_name"])
    for hook in RENAMED:  # no save signal: what other apps keep of the names, written again
        hook([p.pk for p in renamed])

    existing = {e.number: e for e in Endorsement.objects.filter(
        number__in=[r.number for r in rows])}
    created, updated = [], []
    for row in rows:
        record = existing.get(row.number)
        fields = {"program": row.program, "category": row.category,
                  "issued_on": row.issued_on, "valid_through": row.valid_through,
                  "status": row.status}
        if record is None:
            created.append(Endorsement(number=row.number, holder=people[row.email],
                                       rules_edition=settings.RULES_EDITION, entered_by=actor,
                                       **fields))
        else:
            for name, value in fields.items():
                setattr(record, name, value)
            record.updated_at = now
            updated.append(record)
    Endorsement.objects.bulk_create(created)
    Endorsement.objects.bulk_update(updated, ["program", "category", "issued_on",
                                              "valid_through", "status", "updated_at"])
    saved = {e.number: e for e in Endorsement.objects.filter(
        number__in=[r.number for r in rows]).only("pk", "number")}

    memberships = {m.person_id: m for m in Membership.objects.filter(
        person__in=[p.pk for p in people.values()])}
    new_memberships, changed = {}, {}
    for row in rows:
        if not row.membership_number:
            continue
        person = people[row.email]
        membership = memberships.get(person.pk) or new_memberships.get(person.pk)
        if membership is None:
            membership = Membership(person=person)
            new_memberships[person.pk] = membership
        else:
            changed[person.pk] = membership
        membership.number = row.membership_number
        membership.association = (row.membership_association
                                  or settings.ASSOCIATION_SHORT_NAME)
        membership.valid_through = row.membership_valid_through
        membership.recorded_by = actor
        membership.updated_at = now
    Membership.objects.bulk_create(new_memberships.values())
    Membership.objects.bulk_update([m for pk, m in changed.items() if pk not in
                                    new_memberships],
                                   ["number", "association", "valid_through", "recorded_by",
                                    "updated_at"])
    created_numbers = {e.number for e in created}
    AuditEvent.objects.bulk_create([AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label="" if actor is not None else "import_endorsees",
        action="endorsement.imported", subject_type=Endorsement._meta.label_lower,
        subject_id=saved[row.number].pk,
        detail={"number": row.number, "category": row.category, "program": row.program,
                "created": row.number in created_numbers}) for row in rows])
    return [p.pk for p in new_people]
