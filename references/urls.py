from django.urls import path

from . import views

app_name = "references"
urlpatterns = [
    path("application/<int:application_id>/", views.section, name="section"),
]
