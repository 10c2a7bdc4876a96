"""Admin for the registry; saves go through the services so they are audited like any other."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Asn, SocialAccount, Unit
from .services import declare_social_account, save_asn, save_unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("code", "name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "region")

    def get_readonly_fields(self, request: HttpRequest, obj: Unit | None = None) -> Any:
        return ("code",) if obj is not None else ()  # the code is the key the services use

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        saved = save_unit(
            actor=request.user,
            code=obj.code,
            name=obj.name,
            kind=obj.kind,
            region=obj.region,
            parent=obj.parent,
            address=obj.address,
            is_active=obj.is_active,
        )
        obj.pk = saved.pk


class SocialAccountInline(admin.TabularInline[SocialAccount, Asn]):
    model = SocialAccount
    extra = 0
    readonly_fields = ("platform", "handle", "url", "declared_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # declared on the account page or through the import, not here


@admin.register(Asn)
class AsnAdmin(admin.ModelAdmin[Asn]):
    list_display = ("nip", "name", "asn_type", "position", "unit", "is_head_of_unit")
    list_filter = ("asn_type", "is_head_of_unit", "unit__kind")
    search_fields = ("nip", "name")
    autocomplete_fields = ("unit", "user")
    inlines = [SocialAccountInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Asn | None = None) -> Any:
        fixed = ("gender", "birth_date", "user")
        return (*fixed, "nip") if obj is not None else fixed  # the NIP is the key

    def save_model(self, request: HttpRequest, obj: Asn, form: Any, change: bool) -> None:
        saved = save_asn(
            actor=request.user,
            nip=obj.nip,
            asn_type=obj.asn_type,
            name=obj.name,
            unit=obj.unit,
            position=obj.position,
            grade=obj.grade,
            is_head_of_unit=obj.is_head_of_unit,
            is_active=obj.is_active,
        )
        obj.pk = saved.pk


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin[SocialAccount]):
    list_display = ("handle", "platform", "asn")
    list_filter = ("platform",)
    search_fields = ("handle", "asn__name", "asn__nip")
    autocomplete_fields = ("asn",)

    def get_readonly_fields(self, request: HttpRequest, obj: SocialAccount | None = None) -> Any:
        return ("asn", "platform", "handle") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: SocialAccount, form: Any, change: bool) -> None:
        saved = declare_social_account(
            actor=request.user, asn=obj.asn, platform=obj.platform, handle=obj.handle, url=obj.url
        )
        obj.pk = saved.pk
