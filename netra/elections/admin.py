from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from netra.core.audit import record_audit, snapshot

from .models import CandidatePair, Election, Stage


class _ReadOnlyInline(admin.TabularInline):
    """Stages come from the official schedule and pairs are edited on the election page,
    where their lists are cleaned; here they are shown only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StageInline(_ReadOnlyInline):
    model = Stage
    fields = ("code", "name", "starts_on", "ends_on")


class CandidatePairInline(_ReadOnlyInline):
    model = CandidatePair
    fields = ("number", "head_name", "deputy_name", "nicknames", "parties", "is_incumbent")


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "office", "region", "voting_date")
    list_filter = ("kind", "office")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("region",)
    inlines = [StageInline, CandidatePairInline]

    def save_model(self, request: HttpRequest, obj: Election, form: Any, change: bool) -> None:
        """Saved with an audit event, like every other write."""
        with transaction.atomic():
            before = snapshot(Election.objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            record_audit(
                actor=request.user,
                action="election.updated" if change else "election.created",
                obj=obj,
                before=before,
                after=snapshot(obj),
            )
