from django.contrib import admin

from .models import Endorsement


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("number", "holder", "program", "category", "status", "issued_on",
                    "valid_through")
    list_filter = ("status", "program", "category")
    search_fields = ("number", "holder__email", "holder__last_name")
    raw_id_fields = ("holder", "application", "entered_by")
