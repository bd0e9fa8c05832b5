from django.contrib import admin
from django.urls import include, path

from . import views

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
