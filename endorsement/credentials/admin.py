from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Certificate, Endorsement, RegistryListing


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("number", "holder", "program", "category", "status", "issued_on",
                    "valid_through", "certificate_link")
    list_filter = ("status", "program", "category")
    search_fields = ("number", "holder__email", "holder__last_name")
    raw_id_fields = ("holder", "application", "entered_by")

    @admin.display(description=_("certificate"))
    def certificate_link(self, obj):
        return format_html('<a href="{}">{}</a>',
                           reverse("credentials:certificate", args=[obj.pk]), _("PDF"))


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("endorsement", "holder_name", "claimed_at", "rendered_at")
    raw_id_fields = ("endorsement",)
    readonly_fields = ("content_version", "file", "claimed_at", "rendered_at")


@admin.register(RegistryListing)
class RegistryListingAdmin(admin.ModelAdmin):
    list_display = ("holder", "region", "listed_at")
    list_filter = ("region",)
    raw_id_fields = ("holder",)
