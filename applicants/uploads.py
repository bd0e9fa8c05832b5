"""Uploaded transcripts: PDF, PNG or JPEG only (checked by content), never too large."""
import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

ALLOWED = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
CONTENT_TYPES = {ext: mime for mime, ext in ALLOWED.items()}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check_upload(upload) -> str:
    """Raise ValidationError with a fix-it message, or return the file's safe extension."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; files can be at most %(limit)s MB. Please scan it at "
              "a lower resolution or save it as a smaller PDF, then choose it again.")
            % {"size": _megabytes(upload.size), "limit": _megabytes(limit)}, code="too_large")
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED or (mime == "application/pdf" and not head.startswith(b"%PDF-")):
        raise ValidationError(
            _("This file is not a PDF, PNG or JPEG. Please save your transcript as a PDF "
              "(or take a photo as PNG or JPEG) and choose it again."), code="file_type")
    return ALLOWED[mime]


def delete_after_commit(storage, name: str) -> None:
    """Remove a stored file once the change that dropped it is committed (a rolled-back
    change keeps it). Transcripts are private: none is left behind when replaced or
    removed."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))
