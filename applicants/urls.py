from django.urls import path

from . import views

app_name = "applicants"
urlpatterns = [
    path("", views.home, name="home"),
    path("advised/", views.advised, name="advised"),
    path("find-your-category/", views.finder, name="finder"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.application_home, name="application"),
    path("<int:pk>/about-you/", views.profile, name="profile"),
    path("<int:pk>/agreements/", views.agreements, name="agreements"),
    path("<int:pk>/membership/", views.membership, name="membership"),
    path("<int:pk>/rsc/series/", views.series_view, name="rsc_series"),
    path("<int:pk>/rsc/series/<str:series>/", views.series_change_view,
         name="rsc_series_change"),
    path("<int:pk>/check-and-submit/", views.review, name="review"),
    path("<int:pk>/submitted/", views.submitted, name="submitted"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/documents/<int:degree_id>/", views.document, name="document"),
]
for slug in views.ROW_KINDS:
    urlpatterns += [
        path(f"<int:pk>/{slug}/", views.list_view(slug), name=slug),
        path(f"<int:pk>/{slug}/add/", views.form_view(slug), name=f"{slug}_add"),
        path(f"<int:pk>/{slug}/<int:row_id>/", views.form_view(slug), name=f"{slug}_edit"),
        path(f"<int:pk>/{slug}/<int:row_id>/remove/", views.delete_view(slug),
             name=f"{slug}_delete"),
    ]
