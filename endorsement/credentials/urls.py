from django.urls import path

from . import import_views, membership_views, staff_views, views

app_name = "credentials"

urlpatterns = [
    path("endorsements/", views.mine, name="mine"),
    path("endorsements/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("endorsements/registry/", views.registry_choice, name="registry_choice"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:number>/", views.verify_number, name="verify_number"),
    path("registry/", views.registry, name="registry"),
    path("coordinator/endorsements/", staff_views.endorsement_list, name="coordinator_list"),
    path("coordinator/endorsements/<int:pk>/", staff_views.endorsement_detail,
         name="coordinator_detail"),
    path("coordinator/endorsements/<int:pk>/status/", staff_views.change_status,
         name="change_status"),
    path("coordinator/endorsements/<int:pk>/renewal/", staff_views.record_renewal,
         name="record_renewal"),
    path("coordinator/people/<int:person_id>/membership/", membership_views.membership,
         name="membership"),
    path("coordinator/import/", import_views.import_page, name="import"),
    path("coordinator/import/<int:pk>/", import_views.import_run, name="import_run"),
    path("coordinator/import/<int:pk>/confirm/", import_views.import_confirm,
         name="import_confirm"),
]
