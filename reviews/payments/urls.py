from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("fees/", views.fees, name="fees"),
    path("fees/<int:pk>/", views.fee_edit, name="fee_edit"),
    path("instructions/", views.instructions_edit, name="instructions"),
    path("applications/<int:pk>/", views.application_payments, name="application"),
    path("renewals/<int:pk>/", views.renewal_payments, name="renewal"),
    path("receipts/<int:pk>.pdf", views.receipt, name="receipt"),
]
