"""Transcripts are served only here, to people allowed to see them, as attachments."""
from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from endorsement.access import object_or_404

from ..models import Application, Degree
from ..uploads import CONTENT_TYPES


@login_required
def document(request, pk, degree_id):
    application = object_or_404(request.user, "applicants.view_document",
                                Application.objects.all(), pk=pk)
    degree = get_object_or_404(Degree, pk=degree_id, application=application)
    if not degree.transcript:
        raise Http404
    extension = PurePath(degree.transcript.name).suffix.lower()
    try:
        handle = degree.transcript.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = degree.transcript_name or f"transcript{extension}"
    if PurePath(name).suffix.lower() != extension:
        name = f"{PurePath(name).stem}{extension}"
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=CONTENT_TYPES.get(extension,
                                                           "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
