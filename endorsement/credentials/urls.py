from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path("endorsements/", views.mine, name="mine"),
    path("endorsements/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("endorsements/registry/", views.registry_choice, name="registry_choice"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:number>/", views.verify_number, name="verify_number"),
    path("registry/", views.registry, name="registry"),
]
