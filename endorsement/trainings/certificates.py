"""The certificate of attendance: one Letter page rendered with WeasyPrint, on request (a few
hundred milliseconds; nothing is stored)."""
from django.conf import settings
from django.template.loader import render_to_string

from endorsement.credentials.certificates import _logo_uri
from endorsement.credentials.names import holder_name

from .services import when_in_words


def render_pdf(signup) -> bytes:
    from weasyprint import HTML

    training = signup.training
    html = render_to_string("trainings/pdf/attendance.html", {
        "name": holder_name(signup.user), "training": training,
        "when": when_in_words(training), "date": training.local_date,
        "association": settings.ASSOCIATION_NAME, "logo_uri": _logo_uri(),
    })
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
