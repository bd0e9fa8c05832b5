from django.urls import path

from . import views

app_name = "applicants"
urlpatterns = [
    path("", views.home, name="home"),
    path("advised/", views.advised, name="advised"),
]
