from django.urls import path

from . import directory_views, grant_views, views

app_name = "consultation"
urlpatterns = [
    path("consultation/", views.group_list, name="groups"),
    path("consultation/<int:pk>/", views.group_detail, name="group"),
    path("consultation/<int:pk>/apply/", views.apply, name="apply"),
    path("consultation/sessions/<int:pk>/roll/", views.roll, name="roll"),
    path("coordinator/consultation/", views.manage, name="manage"),
    path("coordinator/consultation/new/", views.create, name="create"),
    path("coordinator/consultation/<int:pk>/", views.coordinate, name="coordinate"),
    path("coordinator/consultation/<int:pk>/edit/", views.edit, name="edit"),
    path("coordinator/consultation/<int:pk>/sessions/", views.add_session, name="add_session"),
    path("coordinator/consultation/requests/<int:pk>/place/", views.place, name="place"),
    path("coordinator/consultation/requests/<int:pk>/decline/", views.decline, name="decline"),
    path("coordinator/consultation/members/<int:pk>/remove/", views.remove_member,
         name="remove_member"),
    path("rsc-providers/", directory_views.search, name="directory"),
    path("rsc-providers/<int:pk>/request/", directory_views.send_request, name="send_request"),
    path("rsc-providers/my-listing/", directory_views.my_listing, name="my_listing"),
    path("rsc-providers/requests/", directory_views.provider_requests,
         name="provider_requests"),
    path("rsc-providers/requests/<int:pk>/answer/", directory_views.answer, name="answer"),
    path("coordinator/reports/grant/", grant_views.report, name="grant_report"),
    path("coordinator/reports/grant/participants.csv", grant_views.export, name="grant_csv"),
]
