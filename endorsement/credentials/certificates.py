"""The certificate: what it says, its PDF (WeasyPrint), and making it exactly once per content.

``services.issue_certificate(endorsement)`` queues the rendering after the caller's
transaction commits; the task calls ``make_certificate(endorsement_id)``, which renders only
when no certificate with the same content exists yet. Two workers running it at once cannot
both render: the unique (endorsement, content_version) row is the claim.
"""
from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from endorsement import audit
from endorsement.i18n import normalize

from .models import Certificate, Endorsement, EndorsementStatus
from .names import holder_name

# Bump when the certificate's layout changes, so every certificate is made again.
LAYOUT_VERSION = 1
# A claim whose PDF never arrived (the worker died) may be taken over after this long.
STALE_CLAIM = datetime.timedelta(minutes=10)


def verification_url(endorsement: Endorsement) -> str:
    return settings.SITE_URL + reverse("credentials:verify_number", args=[endorsement.number])


def certificate_language(endorsement: Endorsement) -> str:
    """The holder's language: the certificate is printed in it (the credential's published
    name stays in English, with its rendering beside it)."""
    return normalize(getattr(endorsement.holder, "language", None))


def content_of(endorsement: Endorsement) -> dict:
    """Everything the certificate prints; its digest is the certificate's content version
    (so a holder who changes language gets a certificate made again in the new one)."""
    language = certificate_language(endorsement)
    with translation.override(language):
        credential = endorsement.credential_name
    return {
        "layout": LAYOUT_VERSION,
        "language": language,
        "holder_name": holder_name(endorsement.holder),
        "credential": credential,
        "number": endorsement.number,
        "issued_on": endorsement.issued_on.isoformat(),
        "valid_through": endorsement.valid_through.isoformat(),
        "association": settings.ASSOCIATION_NAME,
        "verify_url": verification_url(endorsement),
    }


def content_version(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _logo_uri() -> str | None:
    path = Path(settings.ASSOCIATION_LOGO)
    return path.resolve().as_uri() if path.is_file() else None


def render_pdf(endorsement: Endorsement, content: dict | None = None) -> bytes:
    """The certificate as PDF bytes (one landscape Letter page)."""
    # Imported here: WeasyPrint is heavy and only the worker (or an eager task) renders.
    import segno
    from weasyprint import HTML

    content = content or content_of(endorsement)
    qr = segno.make(content["verify_url"], error="m")
    with translation.override(content.get("language") or certificate_language(endorsement)):
        html = render_to_string("credentials/certificate.html", {
            **content,
            "issued_on": endorsement.issued_on,
            "valid_through": endorsement.valid_through,
            "association_short_name": settings.ASSOCIATION_SHORT_NAME,
            "logo_uri": _logo_uri(),
            "qr_uri": qr.svg_data_uri(dark="#000", border=0),
        })
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _claim(endorsement: Endorsement, version: str, name: str) -> Certificate | None:
    """The Certificate row this worker may render into, or None when another has it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return Certificate.objects.create(endorsement=endorsement, content_version=version,
                                              holder_name=name, claimed_at=now)
    except IntegrityError:
        pass
    existing = Certificate.objects.filter(endorsement=endorsement,
                                          content_version=version).first()
    if existing is None or existing.file:  # gone: a failed render let go; the retry claims it
        return None
    taken = Certificate.objects.filter(pk=existing.pk, file="",
                                       claimed_at__lt=now - STALE_CLAIM).update(claimed_at=now)
    return existing if taken else None


def make_certificate(endorsement_id: int) -> Certificate | None:
    """Render the endorsement's certificate unless one with the same content exists.

    Returns the new certificate, or None when there was nothing to do (already made, being made
    by another worker, or the Endorsement® is gone).
    """
    endorsement = (Endorsement.objects.select_related("holder")
                   .filter(pk=endorsement_id).first())
    if endorsement is None:
        return None
    content = content_of(endorsement)
    version = content_version(content)
    certificate = _claim(endorsement, version, content["holder_name"])
    if certificate is None:
        return None
    try:
        pdf = render_pdf(endorsement, content)
    except Exception:
        # Let the next attempt (a retry, or the hourly sweep) claim it again at once.
        Certificate.objects.filter(pk=certificate.pk, file="").delete()
        raise
    with transaction.atomic():
        certificate.file.save(f"{endorsement.number}.pdf", ContentFile(pdf), save=False)
        certificate.rendered_at = timezone.now()
        certificate.save(update_fields=["file", "rendered_at"])
        audit.record("endorsement.certificate_made", endorsement, actor=None,
                     actor_label="system", certificate=certificate.pk, version=version[:12])
    return certificate


def current_certificate(endorsement: Endorsement) -> Certificate | None:
    """The newest certificate that has its PDF."""
    return endorsement.certificates.exclude(file="").order_by("-rendered_at", "-id").first()


def missing_ids() -> list[int]:
    """Endorsements® (not revoked) that have no rendered certificate at all: a render that
    failed, or a task lost with its broker. The hourly sweep queues them again."""
    rendered = Certificate.objects.filter(endorsement=OuterRef("pk")).exclude(file="")
    return list(Endorsement.objects.exclude(status=EndorsementStatus.REVOKED)
                .exclude(Exists(rendered))
                .filter(created_at__lt=timezone.now() - STALE_CLAIM)
                .values_list("pk", flat=True)[:1000])
