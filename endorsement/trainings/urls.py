from django.urls import path

from . import views

app_name = "trainings"
urlpatterns = [
    # public: browse without an account
    path("trainings/", views.calendar_list, name="calendar"),
    path("trainings/month/<int:year>/<int:month>/", views.month, name="month"),
    path("trainings/feed.ics", views.feed, name="feed"),
    path("trainings/<int:pk>/", views.detail, name="detail"),
    path("trainings/<int:pk>/calendar.ics", views.training_ics, name="ics"),
    # signed in
    path("trainings/<int:pk>/signup/", views.signup, name="signup"),
    path("trainings/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("trainings/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("trainings/mine/", views.mine, name="mine"),
    # partners (and coordinators)
    path("partner/trainings/", views.manage, name="manage"),
    path("partner/trainings/add/", views.add, name="add"),
    path("partner/trainings/<int:pk>/", views.roster, name="roster"),
    path("partner/trainings/<int:pk>/edit/", views.edit, name="edit"),
    path("partner/trainings/<int:pk>/roll/", views.roll, name="roll"),
    path("partner/trainings/<int:pk>/roll/walk-in/", views.walk_in, name="walk_in"),
    path("partner/trainings/<int:pk>/remove/<int:signup_id>/", views.remove, name="remove"),
    # coordinators: the partner organisations
    path("coordinator/trainings/partners/", views.partners, name="partners"),
    path("coordinator/trainings/partners/<int:pk>/remove/<int:user_id>/",
         views.partner_remove, name="partner_remove"),
]
