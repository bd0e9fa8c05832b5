from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        from endorsement.views import ABOUT_PAGES

        # The outbox links an email about an application to the coordinator's page of it.
        ABOUT_PAGES["applicants.application"] = "reviews:application"
