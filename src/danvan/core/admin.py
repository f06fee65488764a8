from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from danvan.core import services
from danvan.core.models import CalendarOverride, Event, PersonalDataAccess


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "source_doc", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        # Through the service, so that stored due dates are recomputed.
        if change and "date" in form.changed_data:
            services.remove_calendar_override(day=form.initial["date"])
        saved, _ = services.set_calendar_override(day=obj.date, kind=obj.kind, source_doc=obj.source_doc, note=obj.note)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        services.remove_calendar_override(day=obj.date)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            services.remove_calendar_override(day=obj.date)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "from_state", "to_state", "actor", "unit"]
    list_filter = ["action"]
    search_fields = ["note"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(EventAdmin):
    """Who exported or erased whose personal data, when and why: read only, like the timeline."""

    list_display = ["at", "action", "actor", "system", "subject", "list_name", "rows"]
    list_filter = ["action", "list_name"]
    search_fields = ["subject", "reason"]
    date_hierarchy = "at"
