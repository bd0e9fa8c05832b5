from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# The admin's own login form takes a password only, which would let staff skip the
# second factor: send it to allauth's sign-in (password, then TOTP) instead.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("outbox/", views.outbox, name="outbox"),
    path("accounts/", include("allauth.urls")),
    path("apply/", include("applicants.urls")),
    path("references/", include("references.urls")),
    path("coordinator/", include("reviews.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "endorsement.views.not_found"
handler500 = "endorsement.views.server_error"
