from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "reviews.exams"
    label = "exams"
    verbose_name = _("Examination")

    def ready(self):
        from applicants import panels
        from applicants.case import register_case_part

        from . import services, views

        # The engine's "exam" requirement reads the exam records.
        register_case_part(services.case_part, rows=services.case_rows)
        # The candidate sees their sitting and result on their application's page.
        panels.register_panel(views.result_panel)
        panels.register_rows(services.rows_to_preload)
