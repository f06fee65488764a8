"""Indicators, targets and values in the Django admin: read-only. Each has its page that calls the
services (the definition form, the entry forms, the Excel import), where the rules and the rights are
checked and every change is recorded; nothing here writes around them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.indicators.models import Indicator, Target, Value


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "measure_unit", "direction", "source", "aggregation", "unit", "active"]
    list_filter = ["source", "aggregation", "direction", "active"]
    search_fields = ["code", "name", "group"]
    raw_id_fields = ["unit", "created_by", "updated_by"]


@admin.register(Target)
class TargetAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["indicator", "unit", "start", "end", "comparison", "value", "basis"]
    list_filter = ["comparison", "kind"]
    search_fields = ["indicator__code", "indicator__name", "basis"]
    list_select_related = ["indicator", "unit"]
    raw_id_fields = ["indicator", "unit", "set_by"]


@admin.register(Value)
class ValueAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["indicator", "unit", "start", "end", "value", "numerator", "denominator", "weight", "source"]
    list_filter = ["kind"]
    search_fields = ["indicator__code", "indicator__name", "source"]
    list_select_related = ["indicator", "unit"]
    raw_id_fields = ["indicator", "unit", "entered_by"]
