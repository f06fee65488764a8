"""The routing table in the admin: system administrators (the admin site's only users, by role; see
:mod:`danvan.admin_site`) edit the body suggested for a kind, a field and a receiving level, nationally
or under one unit. A rule is deactivated rather than deleted: ``danvan load_routing`` puts a deleted
default back, never a deactivated one."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.petitions.models import RoutingRule

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[RoutingRule]
else:  # ModelAdmin is generic for the type checker only
    _ModelAdmin = admin.ModelAdmin


@admin.register(RoutingRule)
class RoutingRuleAdmin(_ModelAdmin):
    list_display = ["body", "kind", "subject", "level", "scope", "handling", "active"]
    list_display_links = ["body"]
    list_editable = ["active"]
    list_filter = ["active", "kind", "level", "subject"]
    search_fields = ["body", "handling", "basis"]
    autocomplete_fields = ["unit"]
    list_select_related = ["subject", "unit"]
    fieldsets = [
        ("Áp dụng cho", {"fields": ["kind", "subject", "level", "unit"]}),
        ("Gợi ý", {"fields": ["body", "handling", "basis", "active"]}),
    ]

    @admin.display(description="phạm vi", ordering="unit__path")
    def scope(self, rule: RoutingRule) -> str:
        return rule.unit.name if rule.unit is not None else "Cả nước"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deactivate instead: a deleted default comes back on the next ``load_routing``.
        return False
