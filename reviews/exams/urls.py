from django.urls import path

from . import views

app_name = "exams"
urlpatterns = [
    path("", views.sittings, name="sittings"),
    path("sittings/new/", views.sitting_add, name="sitting_add"),
    path("sittings/<int:pk>/", views.sitting_detail, name="sitting"),
    path("sittings/<int:pk>/edit/", views.sitting_edit, name="sitting_edit"),
    path("sittings/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("candidates/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path("candidates/<int:pk>/accommodation/", views.record_accommodation,
         name="accommodation"),
    path("candidates/<int:pk>/part-1/", views.record_part1, name="part1"),
    path("candidates/<int:pk>/vignette-answers/", views.save_answers, name="answers"),
    path("candidates/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("candidates/<int:pk>/scorers/", views.assign_scorer, name="assign_scorer"),
    path("scoring/", views.scoring, name="scoring"),
    path("scoring/<int:pk>/", views.score, name="score"),
]
