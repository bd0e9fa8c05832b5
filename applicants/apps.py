from django.apps import AppConfig


class ApplicantsConfig(AppConfig):
    name = "applicants"

    def ready(self):
        from . import credentials_hooks

        credentials_hooks.connect()

        from endorsement.people import personal_data as core

        from . import personal_data

        core.ERASERS.append(personal_data.erase_person)
        core.ABANDONED.append(personal_data.erase_abandoned)

        # The queue's "days waiting" runs from the last status change.
        from django.db.models import Max

        from . import figures
        from .models import ApplicationEvent

        figures.keep("status_changed_at", ApplicationEvent.objects.all(), Max("created_at"))
        # Its search matches the applicant's name and email as they are now.
        figures.keep_search_text()
        from endorsement.credentials import importing

        importing.RENAMED.append(figures.people_renamed)
