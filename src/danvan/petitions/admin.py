"""Administrators edit the subjects and the document templates; letters and cases are read-only here,
and a letter's sender is not shown at all (the sealed identity has its own logged page)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from danvan.petitions.documents import PLACEHOLDERS
from danvan.petitions.models import Case, DocumentTemplate, Letter, Subject


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "title", "abbreviation"]
    fields = ["kind", "title", "abbreviation", "body", "recipients", "signer_title"]
    readonly_fields = ["kind"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["body"].help_text = "Chỗ điền: " + "; ".join(
            f"{{{key}}} — {label}" for key, label in PLACEHOLDERS.items()
        )
        return form

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["number", "unit", "kind", "status", "received_on", "due_on"]
    list_filter = ["status", "kind"]
    search_fields = ["number"]
    exclude = ["handlers"]


@admin.register(Letter)
class LetterAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["pk", "unit", "kind", "received_on", "channel", "eligible"]
    list_filter = ["kind", "channel", "eligible"]
    # The sender's identity is never shown here.
    exclude = ["sender_name", "sender_id_number", "sender_address", "sender_phone", "sender_email"]


from danvan.petitions import admin_routing  # noqa: E402, F401  (registers RoutingRule)
