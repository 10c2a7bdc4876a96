from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .calendar import delete_non_working_day, save_non_working_day
from .models import AuditEvent, NonWorkingDay


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is appended by services, never edited by hand."""

    list_display = ("seq", "occurred_at", "actor_label", "action", "object_repr", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "action", "object_repr", "object_id")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(admin.ModelAdmin):
    """Cuti bersama and extra holidays per year; saves go through the audited services."""

    list_display = ("date", "kind", "name", "legal_basis")
    list_filter = ("kind", "date")
    search_fields = ("name", "legal_basis")
    date_hierarchy = "date"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("date",) if obj is not None else ()  # the date is the key; delete and re-add

    def save_model(self, request: HttpRequest, obj: NonWorkingDay, form: Any, change: bool) -> None:
        saved = save_non_working_day(
            actor=request.user,
            date=obj.date,
            kind=obj.kind,
            name=obj.name,
            legal_basis=obj.legal_basis,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: NonWorkingDay) -> None:
        delete_non_working_day(actor=request.user, row=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for row in queryset:
            delete_non_working_day(actor=request.user, row=row)
