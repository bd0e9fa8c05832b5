from django.urls import path

from . import coordinator, views

app_name = "references"
urlpatterns = [
    # The applicant
    path("application/<int:application_id>/", views.section, name="section"),
    path("application/<int:application_id>/replace/<int:request_id>/", views.replace,
         name="replace"),
    path("application/<int:application_id>/correct/<int:request_id>/", views.correct,
         name="correct"),
    # The rater (no account): the emailed link, then pages keyed by the session
    path("r/<str:token>/", views.link, name="link"),
    path("rate/<int:request_id>/", views.rate, name="rate"),
    path("rate/<int:request_id>/decline/", views.decline, name="decline"),
    path("rate/<int:request_id>/language/", views.language, name="language"),
    path("rate/thanks/", views.done, name="done"),
    path("rate/declined/", views.declined, name="declined"),
    # The coordinator
    path("coordinator/", coordinator.overview, name="coordinator_overview"),
    path("coordinator/application/<int:application_id>/", coordinator.application,
         name="coordinator_application"),
    path("coordinator/request/<int:request_id>/resend/", coordinator.resend, name="resend"),
    path("coordinator/request/<int:request_id>/extend/", coordinator.extend, name="extend"),
    path("coordinator/request/<int:request_id>/verify/", coordinator.verify, name="verify"),
    path("coordinator/request/<int:request_id>/vet/", coordinator.vet, name="vet"),
    path("coordinator/request/<int:request_id>/set-aside/", coordinator.set_aside,
         name="set_aside"),
]
