from django.urls import path

from . import views

app_name = "renewals"
urlpatterns = [
    path("endorsements/renewal/", views.mine, name="mine"),
    path("endorsements/renewal/open/", views.open_renewal, name="open"),
    path("endorsements/renewal/<int:pk>/details/", views.details, name="details"),
    path("endorsements/renewal/<int:pk>/submit/", views.submit, name="submit"),
    path("endorsements/log/training/add/", views.add_training, name="add_training"),
    path("endorsements/log/rsc/add/", views.add_rsc, name="add_rsc"),
    path("endorsements/log/<str:kind>/<int:row_id>/", views.edit_row, name="edit_row"),
    path("endorsements/log/<str:kind>/<int:row_id>/remove/", views.remove_row,
         name="remove_row"),
    path("coordinator/renewals/", views.queue, name="queue"),
    path("coordinator/renewals/<int:pk>/", views.detail, name="detail"),
    path("coordinator/renewals/<int:pk>/approve/", views.approve, name="approve"),
    path("coordinator/renewals/<int:pk>/return/", views.return_it, name="return"),
]
