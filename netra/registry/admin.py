from django.contrib import admin

from .models import Asn, SocialAccount, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "region")


class SocialAccountInline(admin.TabularInline):
    model = SocialAccount
    extra = 0


@admin.register(Asn)
class AsnAdmin(admin.ModelAdmin):
    list_display = ("nip", "name", "asn_type", "position", "unit", "is_head_of_unit")
    list_filter = ("asn_type", "is_head_of_unit", "unit__kind")
    search_fields = ("nip", "name")
    autocomplete_fields = ("unit", "user")
    inlines = [SocialAccountInline]


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin):
    list_display = ("handle", "platform", "asn")
    list_filter = ("platform",)
    search_fields = ("handle", "asn__name", "asn__nip")
    autocomplete_fields = ("asn",)
