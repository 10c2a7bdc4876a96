from django.contrib import admin

from .models import (
    Attendance,
    Briefing,
    CloseOut,
    Pact,
    PactSignature,
    PactTemplate,
    QuizAttempt,
    QuizQuestion,
    ReminderBatch,
)


@admin.register(PactTemplate)
class PactTemplateAdmin(admin.ModelAdmin):
    list_display = ("role", "version", "title_id", "created_at")
    list_filter = ("role",)


@admin.register(Pact)
class PactAdmin(admin.ModelAdmin):
    list_display = ("election", "region", "role", "template", "is_open", "opened_at")
    list_filter = ("role", "is_open", "election")


@admin.register(PactSignature)
class PactSignatureAdmin(admin.ModelAdmin):
    # Signed records are evidence: readable in the admin, never edited there.
    list_display = ("asn", "pact", "unit", "signed_at", "verification_code")
    list_filter = ("pact",)
    search_fields = ("asn__nip", "asn__name", "verification_code")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(ReminderBatch)
class ReminderBatchAdmin(admin.ModelAdmin):
    list_display = ("pact", "unit", "region", "created_at", "emailed", "delivered_at")


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    extra = 0


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    list_display = ("title", "election", "starts_at", "place", "speaker", "checkin_code")
    list_filter = ("election",)
    search_fields = ("title", "speaker", "place")
    inlines = [QuizQuestionInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("briefing", "asn", "method", "recorded_at")
    list_filter = ("method",)
    search_fields = ("asn__nip", "asn__name")


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ("briefing", "asn", "score", "total", "submitted_at")


@admin.register(CloseOut)
class CloseOutAdmin(admin.ModelAdmin):
    list_display = ("unit", "election", "head", "is_zero", "signed_at", "verification_code")
    list_filter = ("election", "is_zero")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
