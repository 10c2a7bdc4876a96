from django.contrib import admin

from .models import CandidatePair, Election, Stage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class CandidatePairInline(admin.StackedInline):
    model = CandidatePair
    extra = 0
    autocomplete_fields = ("head_asn", "deputy_asn")


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "office", "region", "voting_date")
    list_filter = ("kind", "office")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("region",)
    inlines = [StageInline, CandidatePairInline]
