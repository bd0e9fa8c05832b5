from django.urls import path

from . import history_views, queue_views, report_views, review_views, views

app_name = "reviews"
urlpatterns = [
    path("", queue_views.queue, name="queue"),
    path("export.csv", queue_views.queue_csv, name="queue_csv"),
    path("assign/", queue_views.bulk_assign, name="bulk_assign"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/fee/", views.record_fee, name="record_fee"),
    path("applications/<int:pk>/message/", views.send_message, name="send_message"),
    path("applications/<int:pk>/return/", views.return_for_revision, name="return"),
    path("applications/<int:pk>/start-review/", views.start_review, name="start_review"),
    path("applications/<int:pk>/reviewers/", views.assign_reviewer, name="assign"),
    path("applications/<int:pk>/advisor/", views.link_advisor, name="link_advisor"),
    path("applications/<int:pk>/notes/", views.add_note, name="add_note"),
    path("applications/<int:pk>/history/", history_views.application_history, name="history"),
    path("applications/<int:pk>/reviewers/<int:assignment_id>/remove/",
         views.unassign_reviewer, name="unassign"),
    path("assigned/", views.assigned, name="assigned"),
    # Reviewer reviews, versions, the decision, hand-entered Endorsements® (review_views.py).
    path("assigned/<int:assignment_id>/", review_views.review, name="review"),
    path("assigned/<int:assignment_id>/conflict/", review_views.declare, name="declare"),
    path("applications/<int:pk>/reviews/", review_views.reviews_side_by_side, name="reviews"),
    path("applications/<int:pk>/decide/", review_views.decide, name="decide"),
    path("applications/<int:pk>/versions/", review_views.versions, name="versions"),
    path("applications/<int:pk>/versions/<int:number>/", review_views.version,
         name="version"),
    path("endorsements/add/", review_views.enter_endorsement, name="endorsement_add"),
    path("reports/", report_views.report_page, name="reports"),
    path("reports/print/", report_views.report_print, name="reports_print"),
    path("reports/<slug:slug>.csv", report_views.report_csv, name="reports_csv"),
]
