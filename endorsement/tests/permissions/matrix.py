"""THE PERMISSION MATRIX: every URL pattern × every role, GET and (for state-changing URLs) POST.

test_matrix.py walks the URL resolver and probes every pattern it finds with every role in
``world.ROLES``. A URL with no row here FAILS, with the row to paste. So a new page proves who
may see it the day it is added.

How to add a row
----------------
1. Find the URL's key: ``namespace:name`` as in ``reverse()`` (``"reviews:record_fee"``).
2. Add it to ``ROWS`` below, in its app's block::

       "reviews:record_fee": Row(
           kwargs=app_pk,                      # how to fill the URL's arguments, from an Actor
           get="L 404 404 L L L L 404 404 404 404 200 M 200",
           post="L 404 404 L L L L 404 404 404 404 R M R",   # omit (None) if GET-only
           data=lambda a: {"paid": "on"},      # a POST that WOULD succeed for an allowed role
       ),

   ``kwargs`` is a function of the ``Actor`` (see world.py): ``a.app`` the application the role
   acts on (applicant A's, or for ``coord_self`` the coordinator's own), ``a.ref`` a reference
   request on it, ``a.token`` the rater link the role holds, ``a.row.degrees`` an evidence row,
   ``a.extra[...]`` other records (``extra_pk("reviewed")`` fills ``pk`` from one): "reviewed"
   an application in review with the reviewer's declared "review_assignment", "submitted",
   "sitting", "enrolment", "enrolment_sat" (its sitting took place), "candidate" (approved,
   not enrolled), "script" (the reviewer's blind score), "endorsement" (with a certificate),
   "flagged_email", "used_ref" ... For ``coord_self`` the same keys name the coordinator's OWN
   records where one exists, so each row also proves a coordinator cannot act on their own.
   Add to world.py if your page needs a new kind of record.
3. The expectation strings have ONE token per role, in the order of ``world.ROLES``::

       anon  A  B  rater rater_wrong rater_expired rater_used  reviewer reviewer_other
       advisor advisor_other  coord coord_no2fa coord_self

   Tokens: a status code (``200``, ``404``, ``405``, ``410`` ...); ``L`` = 302 to sign-in;
   ``M`` = 302 to second-factor set-up; ``R`` = any other redirect (a POST that worked);
   ``-`` = not checked (say why in a comment). A stranger gets 404, never 403.
4. POST cells that refuse (anything but 2xx/``R``) also check that NOT ONE row of any table
   changed (content of every table but sessions, compared before and after). Give ``data`` a
   payload that would change something, so the check means something.
   Every GET that answers an HTML 200 must also carry the Content-Security-Policy and
   Permissions-Policy headers, and ``Cache-Control: no-store`` for a signed-in person or on a
   rater page (checked in every cell; nothing to write).
5. Run ``pytest endorsement/tests/permissions -q``; ``MATRIX_PRINT=1`` prints what every cell
   actually answered, row by row, ready to paste (read it before you paste it!).

Patterns Django's admin generates are one wildcard row, ``"admin:*"``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    get: str
    post: str | None = None
    kwargs: Callable = lambda a: {}
    data: Callable = lambda a: {}

    def tokens(self, method: str) -> list[str] | None:
        text = self.get if method == "get" else self.post
        return None if text is None else text.replace("|", " ").split()


# Fixture factories: the URL's keyword arguments for one Actor.
def app_pk(a):
    return {"pk": a.app.pk}


def app_id(a):
    return {"application_id": a.app.pk}


def ref_id(a):
    return {"request_id": a.ref.pk}


def row_of(slug):
    return lambda a: {"pk": a.app.pk, "row_id": getattr(a.row, slug).pk}


ROWS: dict[str, Row] = {}


def _signup(a):
    return {"name": "Matrix New", "email": "matrix-new@example.org",
            "password1": "a-long-pass-phrase-1",
            "password2": "a-long-pass-phrase-1"}


def _profile(a):
    return {"full_name": "Changed Name", "phone": "617-555-0199", "address": "2 Elm St",
            "city": "Boston", "postal_code": "02110", "work_setting": "home_visiting",
            "region": "central", "languages": "English"}


def _training(a):
    return {"title": "Matrix workshop", "sponsor": "MassAIMH", "date": "2024-01-10",
            "hours": "6", "competency_areas": ["theoretical_foundations"]}


def _rating(a):
    return {"action": "save", "comments": "Matrix comment", "recommendation": "recommend"}


def _days_ago(days):
    import datetime as dt

    from django.utils import timezone

    return (timezone.localdate() - dt.timedelta(days=days)).isoformat()


def _vetting(a):
    return {"call_date": _days_ago(2), "has_guidelines_copy": "on", "familiar": "on",
            "outcome": "accepted", "note": "ok"}


def _admin(a):
    return {"object_id": a.app.applicant.pk, "content_type_id": 1, "app_label": "auth",
            "url": "nothing-here/"}


def _rater(a):
    return {"rater_name": "Nora New", "rater_email": "nora@example.org",
            "role": "rsc_provider", "known_for": "2 years", "rater_endorsement": "IV-C",
            "rater_endorsement_number": "",
            "waiver": "on", "waiver_name": a.app.applicant.get_full_name()}


def _series(a):
    return {"pk": a.app.pk, "series": a.app.rsc.order_by("pk").first().series}


def _series_change(a):
    return {"format": "group", "provider_name": "Dr. Rivera", "provider_level": "III",
            "provider_degree": "master", "kind": "rsc", "hours": "1.5"}


def extra_pk(name):
    return lambda a: {"pk": a.extra[name].pk}


def _review(a):
    from reviews import reviewing

    areas = reviewing.areas_for(a.extra["reviewed"])
    data = {f"met_{x.key}": "met" for x in areas}
    data.update({f"comment_{x.key}": "Seen in the portfolio" for x in areas})
    return {**data, "recommendation": "endorse", "reasons": ""}


def _sitting(a):
    return {"program": "IMH-E", "starts_at": "2099-05-01T09:00", "mode": "in_person",
            "place": "MassAIMH office, Worcester", "capacity": "12"}


def _version_of(name):
    def data(a):
        a.extra[name].refresh_from_db()
        return {"version": a.extra[name].version}
    return data


def _seen(a):
    from endorsement.credentials.services import version_of

    return version_of(a.extra["endorsement"])


#      columns:  anon   A   B rat wrg exp use rev rvo adv ado crd c2f slf
ROWS.update({
    # ---- core
    "landing": Row(
         get="200   R   R 200 200 200 200   R   R   R   R   R   M   R",
    ),
    # The language switch: anyone may post it (a cookie; a signed-in person's account keeps
    # it too), staff still setting up their second factor included (it is on that page too).
    "set_language": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405 405 405",
        post="  R   R   R   R   R   R   R   R   R   R   R   R   R   R",
        data=lambda a: {"language": "es", "next": "/"},
    ),
    "home": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R   R   M   R",
    ),
    "outbox": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "outbox_email": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=extra_pk("flagged_email"),
    ),
    "outbox_resend": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("flagged_email"),
    ),
    # ---- allauth: accounts and second factor
    "account_login": Row(
         get="200   R   R 200 200 200 200   R   R   R   R   R   R   R",
        post="200   R   R 200 200 200 200   R   R   R   R   R   R   R",
    ),
    "account_logout": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
        post="  L   L   L   L   L   L   L   L   L   L   L   L   L   L",
    ),
    "account_inactive": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_signup": Row(
         get="200   R   R 200 200 200 200   R   R   R   R   R   R   R",
        post="  R   R   R   R   R   R   R   R   R   R   R   R   R   R",
        data=_signup,
    ),
    "account_reauthenticate": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
        post="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
    ),
    "account_email": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
        post="  L   R   R   L   L   L   L 200 200   R   R 200   R 200",
        data=lambda a: {"action_add": "", "email": "matrix-added@example.org"},
    ),
    "account_email_verification_sent": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_change_password": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
        post="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
    ),
    "account_set_password": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
    ),
    "account_reset_password": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
        post="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_confirm_login_code": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
    ),
    "account_confirm_email": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
        post="404 404 404 404 404 404 404 404 404 404 404 404 404 404",
        kwargs=lambda a: {"key": "not-a-key"},
    ),
    "account_reset_password_from_key_done": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_reset_password_from_key": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
        post="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
        kwargs=lambda a: {"uidb36": "1", "key": "set-x"},
    ),
    "account_reset_password_done": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "mfa_index": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200 200 200",
    ),
    "mfa_authenticate": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
    ),
    "mfa_reauthenticate": Row(
         get="  L   R   R   L   L   L   L 200 200   R   R 200   R 200",
        post="  L   R   R   L   L   L   L 200 200   R   R 200   R 200",
    ),
    "mfa_activate_totp": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
    ),
    "mfa_deactivate_totp": Row(
         get="  L 404 404   L   L   L   L   R   R 404 404   R 404   R",
        post="  L 404 404   L   L   L   L   R   R 404 404   R 404   R",
    ),
    "mfa_view_recovery_codes": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 404 404 404",
    ),
    "mfa_generate_recovery_codes": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   R   R",
    ),
    "mfa_download_recovery_codes": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 404 404 404",
    ),
    # ---- applicants
    "applicants:home": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "applicants:advised": Row(
         get="  L 404 404   L   L   L   L 404 404 200 200 404   M 404",
    ),
    "applicants:finder": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "applicants:start": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   M   R",
        data=lambda a: {"program": "IMH-E", "category": "III"},
    ),
    # The assigned reviewer has not declared "no conflict of interest" on this application
    # yet: until then they read nothing of it (404 on its pages, documents included).
    "applicants:application": Row(
         get="  L 200 404   L   L   L   L 404 404   R 404   R   M 200",
        kwargs=app_pk,
    ),
    "applicants:profile": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
        data=_profile,
    ),
    "applicants:agreements": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
        data=lambda a: {"document": "ethics", "typed_name": a.app.applicant.get_full_name()},
    ),
    "applicants:membership": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
        data=lambda a: {"membership_number": "M-9999", "membership_expires": "2099-01-01"},
    ),
    "applicants:rsc_series": Row(
         get="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:review": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=app_pk,
    ),
    "applicants:submitted": Row(
         get="  L 200 404   L   L   L   L 404 404 200 404 200   M 200",
        kwargs=app_pk,
    ),
    "applicants:withdraw": Row(
         get="  L 405 404   L   L   L   L 404 404 404 404 404   M 405",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=app_pk,
        data=lambda a: {"confirm": "on"},
    ),
    "applicants:document": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=lambda a: {"pk": a.app.pk, "degree_id": a.row.degrees.pk},
    ),
    "applicants:degrees": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:degrees_add": Row(
         get="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:degrees_edit": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=row_of("degrees"),
    ),
    "applicants:degrees_delete": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=row_of("degrees"),
    ),
    "applicants:training": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:training_add": Row(
         get="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=app_pk,
        data=_training,
    ),
    "applicants:training_edit": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=row_of("training"),
    ),
    "applicants:training_delete": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=row_of("training"),
    ),
    "applicants:work": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:work_add": Row(
         get="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:work_edit": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=row_of("work"),
    ),
    "applicants:work_delete": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=row_of("work"),
    ),
    "applicants:rsc": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:rsc_add": Row(
         get="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:rsc_edit": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=row_of("rsc"),
    ),
    "applicants:rsc_delete": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=row_of("rsc"),
    ),
    "applicants:leadership": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:leadership_add": Row(
         get="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=app_pk,
    ),
    "applicants:leadership_edit": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        kwargs=row_of("leadership"),
    ),
    "applicants:leadership_delete": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=row_of("leadership"),
    ),
    "applicants:rsc_series_change": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=_series,
        data=_series_change,
    ),
    # ---- references (applicant, rater, coordinator)
    "references:section": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=app_id,
        data=_rater,
    ),
    "references:replace": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=lambda a: {"application_id": a.app.pk, "request_id": a.ref.pk},
        data=_rater,
    ),
    "references:link": Row(
         get="200 200 200 200 404 410 410 200 200 200 200 200   M 200",
        post="  R   R   R   R 404 410 410   R   R   R   R   R   M   R",
        kwargs=lambda a: {"token": a.token},
    ),
    "references:rate": Row(
         get="410 410 410 200 410 410 410 410 410 410 410 410   M 410",
        post="410 410 410   R 410 410 410 410 410 410 410 410   M 410",
        kwargs=ref_id,
        data=_rating,
    ),
    # The rater's language switch: only the browser that opened the link (or holds it).
    "references:language": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="404 404 404   R 404 404 404 404 404 404 404 404   M 404",
        kwargs=ref_id,
        data=lambda a: {"language": "es"},
    ),
    "references:decline": Row(
         get="410 410 410 200 410 410 410 410 410 410 410 410   M 410",
        post="410 410 410   R 410 410 410 410 410 410 410 410   M 410",
        kwargs=ref_id,
        data=lambda a: {"reason": "I do not know her work"},
    ),
    "references:done": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
    ),
    "references:declined": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
    ),
    "references:coordinator_overview": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "references:coordinator_application": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=app_id,
    ),
    "references:resend": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=ref_id,
    ),
    "references:extend": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=ref_id,
    ),
    "references:verify": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=ref_id,
        data=lambda a: {"level": "II", "source": "The association's registry"},
    ),
    "references:vet": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=ref_id,
        data=_vetting,
    ),
    "references:correct": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 200",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=lambda a: {"application_id": a.app.pk, "request_id": a.ref.pk},
        data=lambda a: {"rater_name": "Rita Renamed", "rater_email": "rita.new@example.org"},
    ),
    "references:set_aside": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"request_id": a.extra["used_ref"].pk},
        data=lambda a: {"reason": "Please ask another rater."},
    ),
    # ---- reviews (coordinator and reviewer pages)
    "reviews:queue": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "reviews:application": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=app_pk,
    ),
    "reviews:record_fee": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=app_pk,
        data=lambda a: {"fee_paid": "on"},
    ),
    "reviews:send_message": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=app_pk,
        data=lambda a: {"body": "Please add your transcript."},
    ),
    "reviews:return": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("reviewed"),  # in review: it can be returned
        data=lambda a: {"message": "Please add your transcript."},
    ),
    "reviews:start_review": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("submitted"),
    ),
    "reviews:assign": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("reviewed"),  # submitted: a reviewer can be assigned
        data=lambda a: {"reviewer": a.extra["reviewer_other"].pk},
    ),
    "reviews:link_advisor": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=app_pk,
        data=lambda a: {"advisor": a.extra["advisor_other"].pk},
    ),
    "reviews:unassign": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"pk": a.app.pk, "assignment_id": a.extra["assignment"].pk},
    ),
    "reviews:assigned": Row(
         get="  L 404 404   L   L   L   L 200 200 404 404 404   M 404",
    ),
    "reviews:queue_csv": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    # coord_self: back to the queue with "you do not manage your own application" (each
    # ticked application is done or refused on its own; nothing changes: see reviews' tests).
    "reviews:bulk_assign": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=lambda a: {"applications": [a.extra["reviewed"].pk],
                        "reviewer": a.extra["reviewer_other"].pk},
    ),
    "reviews:add_note": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=app_pk,
        data=lambda a: {"body": "Called her about the transcript."},
    ),
    "reviews:history": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=app_pk,
    ),
    "reviews:review": Row(
         get="  L 404 404   L   L   L   L 200 404 404 404 404   M 404",
        post="  L 404 404   L   L   L   L   R 404 404 404 404   M 404",
        kwargs=lambda a: {"assignment_id": a.extra["review_assignment"].pk},
        data=_review,
    ),
    "reviews:declare": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L   R 404 404 404 404   M 404",
        kwargs=lambda a: {"assignment_id": a.extra["assignment"].pk},
        data=lambda a: {"conflict": "no", "note": ""},
    ),
    "reviews:reviews": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=extra_pk("reviewed"),
    ),
    "reviews:decide": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("reviewed"),
        data=lambda a: {"to_status": "deferred", "note": "Please add a year of supervision."},
    ),
    "reviews:versions": Row(
         get="  L 404 404   L   L   L   L 200 404 404 404 200   M 404",
        kwargs=extra_pk("reviewed"),
    ),
    "reviews:version": Row(
         get="  L 404 404   L   L   L   L 200 404 404 404 200   M 404",
        kwargs=lambda a: {"pk": a.extra["reviewed"].pk, "number": 1},
    ),
    "reviews:endorsement_add": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 200",
        data=lambda a: {"email": a.app.applicant.email, "program": "IMH-E", "category": "II",
                        "issued_on": "2020-01-15", "valid_through": "2022-12-31"},
    ),
    # ---- the examination (coordinators; reviewers score blind)
    "exams:sittings": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "exams:sitting_add": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=_sitting,
    ),
    "exams:sitting": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=extra_pk("sitting"),
    ),
    "exams:sitting_edit": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("sitting"),
        data=lambda a: {**_sitting(a), **_version_of("sitting")(a)},
    ),
    "exams:enrol": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("sitting"),
        data=lambda a: {"application": a.extra["candidate"].pk},
    ),
    "exams:enrolment": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=extra_pk("enrolment"),
    ),
    "exams:accommodation": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("enrolment"),
        data=lambda a: {"accommodation": "Extra time", "requested_on": _days_ago(3),
                        **_version_of("enrolment")(a)},
    ),
    "exams:part1": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("enrolment_sat"),
        data=lambda a: {"part1_score": "85", **_version_of("enrolment_sat")(a)},
    ),
    "exams:answers": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("enrolment"),
        data=lambda a: {"vignette_answers": "New answers.", **_version_of("enrolment")(a)},
    ),
    "exams:withdraw": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("enrolment"),
    ),
    "exams:assign_scorer": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("enrolment"),
        data=lambda a: {"scorer": a.extra["reviewer_other"].pk},
    ),
    "exams:scoring": Row(
         get="  L 404 404   L   L   L   L 200 200 404 404 404   M 404",
    ),
    "exams:score": Row(
         get="  L 404 404   L   L   L   L 200 404 404 404 404   M 404",
        post="  L 404 404   L   L   L   L   R 404 404 404 404   M 404",
        kwargs=extra_pk("script"),
        data=lambda a: {"score": "80", "comment": "Clear answers."},
    ),
    # ---- Endorsements®: the holder's page, certificates, verification, the registry
    "credentials:mine": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "credentials:certificate": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=extra_pk("endorsement"),
    ),
    # Any holder may join (B holds one through their renewal, advisors are endorsed by
    # their factory); coord holds none: 404.
    "credentials:registry_choice": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R   R   L   L   L   L   R   R   R   R 404   M   R",
        data=lambda a: {"region": "central", "display_name": "A. Listed"},
    ),
    "credentials:verify": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "credentials:verify_number": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
        kwargs=lambda a: {"number": a.extra["endorsement"].number},
    ),
    "credentials:registry": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "credentials:coordinator_list": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "credentials:coordinator_detail": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=extra_pk("endorsement"),
    ),
    "credentials:change_status": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("endorsement"),
        data=lambda a: {"status": "inactive", "reason": "Asked to pause.", "seen": _seen(a)},
    ),
    "credentials:record_renewal": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("endorsement"),
        data=lambda a: {"seen": _seen(a)},
    ),
    # ---- Django's admin: one row for every pattern it generates. coord and coord_self are
    # '-': the admin answers them 200, 403 or a redirect per model, by Django's own model
    # permissions (staff only); everyone else must be sent to sign in.
    "admin:login": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        post="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "admin:logout": Row(
         get="  R   R   R   R   R   R   R   R   R   R   R 405   M 405",
        post="  R   R   R   R   R   R   R   R   R   R   R 200   M 200",
    ),
    "admin:*": Row(
         get="  L   L   L   L   L   L   L   L   L   L   L   -   M   -",
        post="  L   L   L   L   L   L   L   L   L   L   L   -   M   -",
        kwargs=_admin,
    ),
})


def _renewal_seen(name, **more):
    def data(a):
        from endorsement.renewals.services import version_of

        renewal = a.extra[name]
        renewal.refresh_from_db()
        return {"seen": version_of(renewal), **more}
    return data


def _fee_line(a):
    from reviews.payments.services import fee_version

    fee = a.extra["fee"]
    fee.refresh_from_db()
    return {"category": "II", "kind": "processing", "amount": "175.00",
            "effective_on": "2021-01-01", "version": fee_version(fee)}


def _payment(a):
    from endorsement import staleness

    return {"amount": "25.00", "method": "check", "received_on": _days_ago(1),
            "reference": "2002", "purpose": "processing",
            "version": staleness.version_of(a.app)}


def _renewal_payment(name):
    def data(a):
        from endorsement import staleness

        renewal = a.extra[name]
        renewal.refresh_from_db()
        return {"amount": "20.00", "method": "check", "received_on": _days_ago(1),
                "reference": "3003", "purpose": "renewal",
                "version": staleness.version_of(renewal)}
    return data


def _membership(a):
    from endorsement.credentials.models import Membership
    from endorsement.credentials.services import membership_version

    current = Membership.objects.filter(person=a.extra["person"]).first()
    return {"number": "M-78", "association": "MassAIMH", "valid_through": "2030-06-30",
            "version": membership_version(current)}


def _upload(a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = ("email,first_name,last_name,endorsement_number,program,category,issued_on,"
            "valid_through,status,membership_number,membership_association,"
            "membership_valid_through\r\n"
            "old-bo@example.org,Bo,Old,OLD-0002,IMH-E,II,2019-05-01,2030-12-31,,,,\r\n")
    return {"file": SimpleUploadedFile("old.csv", text.encode(), content_type="text/csv")}


def _log_row(kind):
    return lambda a: {"kind": kind, "row_id": a.extra[f"log_{kind}"].pk}


#      columns:  anon   A   B rat wrg exp use rev rvo adv ado crd c2f slf
ROWS.update({
    # ---- people and roles, invitations, the audit trail, personal data. coord_self's
    # person is themselves: they see their page, but their own roles, account and erasure
    # are another coordinator's to change (404).
    "people:list": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "people:invite": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=lambda a: {"email": "colleague@example.org", "role": "coordinator"},
    ),
    "people:person": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=lambda a: {"pk": a.app.applicant_id},
    ),
    "people:grant": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"pk": a.app.applicant_id},
        data=lambda a: {"role": "coordinator"},
    ),
    "people:remove": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"pk": a.app.applicant_id},
        data=lambda a: {"role": "applicant"},
    ),
    "people:active": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"pk": a.app.applicant_id},
        data=lambda a: {"active": "0"},
    ),
    "people:erase": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"pk": a.app.applicant_id},
        data=lambda a: {"confirm": "ERASE", "reason": "asked"},
    ),
    # A real invitation to a new coordinator: the signed-out invitee (or a rater's browser)
    # takes it; a signed-in person with another email is told the link is not theirs (409).
    "people:accept": Row(
         get="200 409 409 200 200 200 200 409 409 409 409 409   M 409",
        post="  R 409 409   R   R   R   R 409 409 409 409 409   M 409",
        kwargs=lambda a: {"token": a.extra["invitation_token"]},
        data=lambda a: {"first_name": "N", "last_name": "P",
                        "password1": "a-long-pass-phrase-42",
                        "password2": "a-long-pass-phrase-42"},
    ),
    "people:audit": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "people:audit_csv": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "people:my_data": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "people:my_data_zip": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    # ---- funder reports (figures only; the coordinator who applied sees the same counts)
    "reviews:reports": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "reviews:reports_print": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "reviews:reports_csv": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=lambda a: {"slug": "by-state"},
    ),
    # ---- fees, payments, receipts
    "payments:fees": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=lambda a: {"category": "II", "kind": "registration", "amount": "25",
                        "effective_on": "2021-01-01", "version": ""},
    ),
    "payments:fee_edit": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("fee"),
        data=_fee_line,
    ),
    "payments:instructions": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=lambda a: {"text": "Send a check to the office.", "version": ""},
    ),
    "payments:application": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=app_pk,
        data=_payment,
    ),
    # A renewal's payments: coordinators, never on their own renewal.
    "payments:renewal": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("renewal_submitted"),
        data=_renewal_payment("renewal_submitted"),
    ),
    # The payer (and the coordinators) only; for coord_self it is their own payment.
    "payments:receipt": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=extra_pk("payment"),
    ),
    # ---- membership and the import from the old system
    "credentials:membership": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=lambda a: {"person_id": a.extra["person"].pk},
        data=_membership,
    ),
    "credentials:import": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=_upload,
    ),
    "credentials:import_run": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=extra_pk("import_run"),
    ),
    "credentials:import_confirm": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("import_run"),
    ),
    # ---- renewals: the holder's (A's is open; coord_self's own is submitted) ...
    "renewals:mine": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "renewals:open": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   M   R",
    ),
    "renewals:details": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M 404",
        kwargs=extra_pk("renewal"),
        data=lambda a: {"membership_number": "M2", "membership_expires": "2031-12-31",
                        "provides_rsc": "on"},
    ),
    "renewals:submit": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M 404",
        kwargs=extra_pk("renewal"),
        data=lambda a: {"code_of_ethics": "on", "no_sanction": "on",
                        "typed_name": a.extra["renewal"].holder.get_full_name()},
    ),
    # Anyone who holds an Endorsement® keeps their own log (B, the reviewers and advisors
    # hold one; coord does not: 404). GET redirects once, to a URL with a form token.
    "renewals:add_training": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R 404   M   R",
        post="  L   R   R   L   L   L   L   R   R   R   R 404   M   R",
        data=_training,
    ),
    "renewals:add_rsc": Row(
         get="  L   R   R   L   L   L   L   R   R   R   R 404   M   R",
        post="  L   R   R   L   L   L   L   R   R   R   R 404   M   R",
        data=lambda a: {"date": _days_ago(5), **_series_change(a)},
    ),
    # Their own log row: coord_self's may count in their submitted renewal (then they are
    # sent back to their page with a message, nothing changed: R as well).
    "renewals:edit_row": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M   R",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=_log_row("training"),
        data=_training,
    ),
    "renewals:remove_row": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R 404   L   L   L   L 404 404 404 404 404   M   R",
        kwargs=_log_row("rsc"),
    ),
    # ... and the coordinator's queue (never their own renewal)
    "renewals:queue": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "renewals:detail": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 404",
        kwargs=extra_pk("renewal_submitted"),
    ),
    "renewals:approve": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("renewal_paid"),
        data=_renewal_seen("renewal_paid"),
    ),
    "renewals:return": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M 404",
        kwargs=extra_pk("renewal_submitted"),
        data=_renewal_seen("renewal_submitted", message="Add the RSC log for March."),
    ),
    # ---- the training calendar (issue 16): browsing is public, signing up needs an account;
    # a partner's pages are for coordinators (and the training's own partner organisation,
    # tested in endorsement/trainings/tests: the matrix has no partner column).
    "trainings:calendar": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
    ),
    "trainings:month": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
        kwargs=lambda a: {"year": 2026, "month": 12},
    ),
    "trainings:feed": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
    ),
    "trainings:detail": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
        kwargs=extra_pk("training"),
    ),
    "trainings:ics": Row(
         get="200 200 200 200 200 200 200 200 200 200 200 200   M 200",
        kwargs=extra_pk("training"),
    ),
    "trainings:signup": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   M   R",
        kwargs=extra_pk("training"),
    ),
    "trainings:cancel": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   M   R",
        kwargs=extra_pk("training"),
    ),
    # Only the person who attended (A, present on the roll) downloads the certificate.
    "trainings:certificate": Row(
         get="  L 200 404   L   L   L   L 404 404 404 404 404   M 404",
        kwargs=extra_pk("training_held"),
    ),
    "trainings:mine": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "trainings:manage": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "trainings:add": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=lambda a: {"partner": a.extra["training_partner"].pk, "title": "Matrix new",
                        "starts_at": "2099-05-01T09:00", "ends_at": "2099-05-01T12:00",
                        "hours": "3", "format": "online", "place": "Zoom",
                        "region": "western", "language": "en", "capacity": "10",
                        "cost": "0"},
    ),
    "trainings:roster": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=extra_pk("training"),
    ),
    "trainings:edit": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("training"),
        data=lambda a: {"partner": a.extra["training_partner"].pk, "title": "Matrix moved",
                        "starts_at": "2099-06-01T09:00", "ends_at": "2099-06-01T12:00",
                        "hours": "3", "format": "online", "place": "Zoom",
                        "region": "western", "language": "en", "capacity": "10",
                        "cost": "0"},
    ),
    "trainings:roll": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("training_held"),
        data=lambda a: {"present": []},
    ),
    "trainings:walk_in": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("training_held"),
        data=lambda a: {"email": a.extra["reviewer"].email},
    ),
    "trainings:remove": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=lambda a: {"pk": a.extra["training_held"].pk,
                          "signup_id": a.extra["training_signup"].pk},
    ),
    "trainings:partners": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=lambda a: {"name": "Matrix Other Org"},
    ),
    "trainings:partner_remove": Row(
         get="405 405 405 405 405 405 405 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=lambda a: {"pk": a.extra["training_partner"].pk,
                          "user_id": a.extra["training_member"].pk},
    ),
})


def _group(a):
    return {"name": "Matrix new group", "facilitator": a.extra["reviewer"].pk,
            "region": "western", "language": "English", "format": "online", "capacity": "6"}


def _listing(a):
    return {"listed": "on", "offers_individual": "on", "regions": ["western"],
            "languages": "English", "online": "on", "fee": "free", "openings": "1",
            "contact_email": "listing@example.org"}


# ---- issue 16b: reflective consultation groups, the RSC directory, the grant report
#      columns:  anon   A   B rat wrg exp use rev rvo adv ado crd c2f slf
ROWS.update({
    # Anyone signed in sees the groups and asks for a seat (A has one, B is waiting, the
    # reviewer facilitates: each is told so, a redirect with a message).
    "consultation:groups": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "consultation:group": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
        kwargs=extra_pk("group"),
    ),
    "consultation:apply": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L   R   R   L   L   L   L   R   R   R   R   R   M   R",
        kwargs=extra_pk("group"),
        data=lambda a: {"other_access": "no", "note": "Matrix"},
    ),
    # The roll: the group's facilitator (the reviewer) and coordinators only.
    # coord_self ticks themselves present: refused with a message (nobody credits themselves).
    "consultation:roll": Row(
         get="  L 404 404   L   L   L   L 200 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L   R 404 404 404   R   M 200",
        kwargs=extra_pk("group_session"),
        data=lambda a: {"present": [a.extra["person"].pk]},
    ),
    "consultation:manage": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "consultation:create": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        data=_group,
    ),
    "consultation:coordinate": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        kwargs=extra_pk("group"),
    ),
    "consultation:edit": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("group"),
        data=_group,
    ),
    "consultation:add_session": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("group"),
        data=lambda a: {"starts_at": "2026-11-05T18:00", "hours": "1.5"},
    ),
    "consultation:place": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("seat_request"),
    ),
    "consultation:decline": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("seat_request"),
    ),
    "consultation:remove_member": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 405   M 405",
        post="  L 404 404   L   L   L   L 404 404 404 404   R   M   R",
        kwargs=extra_pk("group_member"),
    ),
    # The directory: anyone signed in searches and writes to a provider (not to themselves;
    # A already asked the reviewer and is told to wait: the page again, nothing changed).
    "consultation:directory": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    "consultation:send_request": Row(
         get="  L 200 200   L   L   L   L 404 200 200 200 200   M 200",
        post="  L 200   R   L   L   L   L 404   R   R   R   R   M   R",
        kwargs=extra_pk("rsc_listing"),
        data=lambda a: {"wants": "individual", "message": "Matrix request"},
    ),
    # Only people whose current Endorsement® qualifies them (the reviewers: IV-C).
    "consultation:my_listing": Row(
         get="  L 404 404   L   L   L   L 200 200 404 404 404   M 404",
        post="  L 404 404   L   L   L   L   R   R 404 404 404   M 404",
        data=_listing,
    ),
    "consultation:provider_requests": Row(
         get="  L 200 200   L   L   L   L 200 200 200 200 200   M 200",
    ),
    # Only the provider the request was sent to answers it.
    "consultation:answer": Row(
         get="  L 405 405   L   L   L   L 405 405 405 405 405   M 405",
        post="  L 404 404   L   L   L   L   R 404 404 404 404   M 404",
        kwargs=extra_pk("provider_request"),
        data=lambda a: {"answer": "accept"},
    ),
    "consultation:grant_report": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
    "consultation:grant_csv": Row(
         get="  L 404 404   L   L   L   L 404 404 404 404 200   M 200",
    ),
})
