from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people, name="list"),
    path("invite/", views.invite, name="invite"),
    path("<int:pk>/", views.person, name="person"),
    path("<int:pk>/grant/", views.grant, name="grant"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("<int:pk>/active/", views.set_active, name="active"),
    path("<int:pk>/erase/", views.erase, name="erase"),
    path("invitation/<str:token>/", views.accept, name="accept"),
    path("audit/", views.audit, name="audit"),
    path("audit.csv", views.audit_csv, name="audit_csv"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data.zip", views.my_data_zip, name="my_data_zip"),
]
