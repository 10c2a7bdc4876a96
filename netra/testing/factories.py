"""factory_boy factories shared by every app's tests (and nothing else)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from netra.accounts.models import Role, RoleAssignment, User
from netra.elections.models import CandidatePair, Election, ElectionKind, Office
from netra.regions.models import Region
from netra.registry.models import Asn, AsnType, Unit, UnitKind
from netra.registry.nip import compose_nip


def region(code: str) -> Region:
    """A region loaded by the ``regions`` fixture, by Kemendagri code."""
    return Region.objects.get(code=code)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


def user_with_role(role: str, region_code: str | None = None, **kwargs: Any) -> User:
    user = UserFactory.create(**kwargs)
    RoleAssignment.objects.create(
        user=user, role=role, region=region(region_code) if region_code else None
    )
    return user


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Unit Kerja {n}")
    kind = UnitKind.OPD
    region = factory.LazyFunction(lambda: region("35.73"))


class AsnFactory(DjangoModelFactory[Asn]):
    class Meta:
        model = Asn

    asn_type = AsnType.PNS
    gender = "L"
    birth_date = factory.Sequence(lambda n: dt.date(1970, 1, 1) + dt.timedelta(days=n * 37 % 9000))
    nip = factory.LazyAttributeSequence(
        lambda o, n: compose_nip(
            birth_date=o.birth_date,
            appointed_year=o.birth_date.year + 25,
            appointed_month=n % 12 + 1,
            gender=o.gender,
            serial=n % 999 + 1,
        )
    )
    name = factory.Faker("name", locale="id_ID")
    position = "Pelaksana"
    grade = "III/a"
    unit = factory.SubFactory(UnitFactory)


class ElectionFactory(DjangoModelFactory[Election]):
    class Meta:
        model = Election
        django_get_or_create = ("slug",)

    slug = "pilkada-kota-malang-2024"
    name = "Pemilihan Wali Kota dan Wakil Wali Kota Malang 2024"
    kind = ElectionKind.PILKADA
    office = Office.WALIKOTA
    region = factory.LazyFunction(lambda: region("35.73"))
    voting_date = dt.date(2024, 11, 27)


class CandidatePairFactory(DjangoModelFactory[CandidatePair]):
    class Meta:
        model = CandidatePair

    election = factory.SubFactory(ElectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    head_name = factory.Faker("name", locale="id_ID")
    deputy_name = factory.Faker("name", locale="id_ID")


__all__ = [
    "AsnFactory",
    "CandidatePairFactory",
    "ElectionFactory",
    "Role",
    "UnitFactory",
    "UserFactory",
    "region",
    "user_with_role",
]
