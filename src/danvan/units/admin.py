from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from danvan.units.models import Organization, OrganizationLineage, Staffing, Unit, UnitLineage, UnitVersion


class NoDeleteMixin:
    """Units and organisations with records are retired with ``valid_to``, never deleted."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UnitVersionInline(admin.TabularInline):
    model = UnitVersion
    extra = 0


@admin.register(Unit)
class UnitAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "level", "valid_from", "valid_to", "remote_area"]
    list_filter = ["level", "kind", "remote_area"]
    search_fields = ["name_folded", "code"]
    readonly_fields = ["path", "depth", "numchild", "source_ref"]
    inlines = [UnitVersionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Units are created through the unit pages or the loaders, which keep the tree consistent.
        return False

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> Any:
        from danvan.core.text import fold

        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(UnitLineage)
class UnitLineageAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date"]
    list_filter = ["kind", "effective_date"]
    raw_id_fields = ["predecessor", "successor"]


class StaffingInline(admin.TabularInline):
    model = Staffing
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "unit", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name_folded"]
    raw_id_fields = ["unit", "parent"]
    inlines = [StaffingInline]


@admin.register(OrganizationLineage)
class OrganizationLineageAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date"]
    raw_id_fields = ["predecessor", "successor"]
