from functools import wraps

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.http import Http404
from django.urls import include, path

from . import views


def _admin_login(login_view):
    """The admin's own login form takes a password only, which would let staff skip the
    second factor: send it to allauth's sign-in (password, then TOTP) instead. Signed-in
    people who are not staff get 404, like every other page that is not theirs."""
    secured = secure_admin_login(login_view)

    @wraps(login_view)
    def view(request, *args, **kwargs):
        if request.user.is_authenticated and not (request.user.is_active
                                                  and request.user.is_staff):
            raise Http404
        return secured(request, *args, **kwargs)

    return view


admin.site.login = _admin_login(admin.site.login)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_email, name="outbox_email"),
    path("outbox/<int:pk>/resend/", views.outbox_resend, name="outbox_resend"),
    path("accounts/", include("allauth.urls")),
    path("people/", include("endorsement.people.urls")),
    path("apply/", include("applicants.urls")),
    path("references/", include("references.urls")),
    path("coordinator/", include("reviews.urls")),
    path("coordinator/exams/", include("reviews.exams.urls")),
    path("payments/", include("reviews.payments.urls")),
    path("", include("endorsement.credentials.urls")),
    path("", include("endorsement.renewals.urls")),
    path("", include("endorsement.trainings.urls")),
    path("", include("endorsement.consultation.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "endorsement.errors.bad_request"
handler404 = "endorsement.views.not_found"
handler500 = "endorsement.views.server_error"
