"""The administrators' reference lists of the movement: fields, review criteria and their weights, metrics.

Models themselves change only through the services (the pages and the API);
the admin shows them read-only, with their history.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from danvan.initiatives.models import Criterion, Field, Initiative, Metric


class SubfieldInline(admin.TabularInline):
    model = Field
    fk_name = "parent"
    extra = 1
    fields = ["name", "order", "active"]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "active"]
    list_filter = ["active", "parent"]
    search_fields = ["name"]
    inlines = [SubfieldInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # used by records: set "đang dùng" off instead


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "weight", "max_score", "order", "active"]
    list_editable = ["weight", "max_score", "order", "active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    list_display = ["name", "unit_label", "integral", "order", "active"]
    list_editable = ["order", "active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "year", "status", "level", "published"]
    list_filter = ["status", "level", "kind", "year", "field"]
    search_fields = ["name_folded", "owner_name"]
    raw_id_fields = ["unit", "organization", "previous"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
