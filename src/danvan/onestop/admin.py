"""The one-stop records in the Django admin: read-only. Dossiers move only through the services (the
workflow engine records each step and recomputes the due instant), and the catalogue, the service points
and the province's settings have their own pages that call the services; nothing here writes around them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.onestop.models import Apology, Dossier, Handover, Pause, Procedure, Rating, ServicePoint, Settings


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PauseInline(ReadOnly, admin.TabularInline):
    model = Pause
    extra = 0


class HandoverInline(ReadOnly, admin.TabularInline):
    model = Handover
    extra = 0
    exclude = ["by"]


@admin.register(Settings)
class SettingsAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["province", "rating_scheme", "timeliness_rule"]


@admin.register(ServicePoint)
class ServicePointAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(Procedure)
class ProcedureAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "field", "level", "days", "hours", "online_level", "active"]
    list_filter = ["level", "online_level", "one_stop", "active"]
    search_fields = ["code", "name"]


@admin.register(Dossier)
class DossierAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "unit", "procedure", "status", "channel", "received_at", "due_at", "timeliness"]
    list_filter = ["status", "channel", "timeliness", "imported"]
    search_fields = ["code"]
    # The applicant's identity stays on the officers' scoped pages; the rating token is the citizen's key.
    exclude = ["applicant_id_number", "applicant_phone", "applicant_email", "rating_token"]
    inlines = [PauseInline, HandoverInline]
    list_select_related = ["unit", "procedure"]
    raw_id_fields = ["procedure", "service_point", "received_by", "handler", "created_by"]


@admin.register(Apology)
class ApologyAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["dossier", "issued_at", "new_due_at"]
    raw_id_fields = ["dossier", "issued_by"]


@admin.register(Rating)
class RatingAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["dossier", "scheme", "channel", "level", "satisfied", "rated_on"]
    list_filter = ["scheme", "channel", "satisfied"]
    raw_id_fields = ["dossier", "officer", "entered_by"]
