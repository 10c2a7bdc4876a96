"""Admin for cases: read-only, because every change must pass the workflow services.

The reporter's identity is not shown here; it is read on the case page, where the
permission check lives and where the reading is part of the normal workflow.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Case, CaseDeadline, CaseNote, CaseStateChange, Evidence


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StateChangeInline(_ReadOnly, admin.TabularInline[CaseStateChange, Case]):
    model = CaseStateChange
    extra = 0
    fields = ("changed_at", "from_state", "to_state", "actor", "note")
    readonly_fields = fields


class DeadlineInline(_ReadOnly, admin.TabularInline[CaseDeadline, Case]):
    model = CaseDeadline
    extra = 0
    fields = ("code", "starts_on", "due_on", "stopped_at", "breached_at", "escalated_at")
    readonly_fields = fields


class NoteInline(_ReadOnly, admin.TabularInline[CaseNote, Case]):
    model = CaseNote
    extra = 0
    fields = ("created_at", "kind", "author", "from_level", "to_level", "body")
    readonly_fields = fields


class EvidenceInline(_ReadOnly, admin.TabularInline[Evidence, Case]):
    model = Evidence
    extra = 0
    fields = ("created_at", "sha256", "content_type", "size", "from_reporter")
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(_ReadOnly, admin.ModelAdmin[Case]):
    list_display = (
        "reference",
        "source",
        "state",
        "level",
        "region",
        "election",
        "received_at",
        "ppk_conflict",
    )
    list_filter = ("state", "source", "level", "election", "ppk_conflict", "touches_incumbent")
    search_fields = ("reference", "summary", "subject_text")
    date_hierarchy = "received_at"
    inlines = [StateChangeInline, DeadlineInline, NoteInline, EvidenceInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [f.name for f in Case._meta.fields]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))
