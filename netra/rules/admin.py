from django.contrib import admin

from .models import DeadlineRule, ViolationForm


@admin.register(ViolationForm)
class ViolationFormAdmin(admin.ModelAdmin):
    list_display = ("code", "title_id", "category", "sanction_level", "verification", "is_active")
    list_filter = ("category", "sanction_level", "verification", "is_active")
    search_fields = ("code", "title_id", "title_en", "plain_id")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "election_kind", "days", "day_count", "verification")
    list_filter = ("election_kind", "day_count", "verification")
    search_fields = ("code", "name_id", "name_en")
