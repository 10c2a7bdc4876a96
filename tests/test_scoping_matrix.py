"""Who sees what: every role against every page and API endpoint of regions, registry and
elections.

One world (units, ASN and elections spread over Kota Malang and Kota Kediri) and one table
of expectations per role. Each role is checked against every list page and API list
(which rows appear, through the session and through an API token), every detail (200
inside the scope, 404 — never 403 — outside it), every write page of the elections (200
for those who manage the election, 403 for those who only see it, 404 for the rest) and
the pages gated by role (import, an ASN's own accounts). A coverage test fails when a page
or endpoint is added to these apps without being added here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netra.accounts.models import Role, RoleAssignment, User
from netra.accounts.services import issue_api_token
from netra.api import api
from netra.elections.models import ElectionKind, Office
from netra.registry.models import Platform, SocialAccount
from netra.testing.factories import (
    AsnFactory,
    CandidatePairFactory,
    ElectionFactory,
    UnitFactory,
    UserFactory,
    region,
)

# Units by label: (region code, unit name). Names never contain one another.
UNITS = {
    "malang": ("35.73", "Dinas Pendidikan Kota Malang"),
    "lowokwaru": ("35.73.05", "Kantor Kecamatan Lowokwaru"),
    "dinoyo": ("35.73.05.1004", "Kantor Kelurahan Dinoyo"),
    "mojolangu": ("35.73.05.1009", "Puskesmas Mojolangu"),
    "klojen": ("35.73.02", "Kantor Kecamatan Klojen"),
    "kediri": ("35.71", "Dinas Kesehatan Kota Kediri"),
    "mojoroto": ("35.71.01", "Kantor Kecamatan Mojoroto"),
}
# ASN by label: (unit label, name). "mojolangu" is the one linked to the ASN user.
ASN = {
    "malang": ("malang", "Agus Prasetyo"),
    "lowokwaru": ("lowokwaru", "Bambang Sutrisno"),
    "dinoyo": ("dinoyo", "Citra Lestari"),
    "mojolangu": ("mojolangu", "Dewi Anggraini"),
    "mojolangu-2": ("mojolangu", "Eko Wahyudi"),
    "klojen": ("klojen", "Fajar Nugroho"),
    "kediri": ("kediri", "Gita Permatasari"),
    "mojoroto": ("mojoroto", "Hendra Saputra"),
}
ELECTIONS = {
    "pilkada-kota-malang-2024": ("35.73", "Pemilihan Wali Kota dan Wakil Wali Kota Malang 2024"),
    "pilkada-kota-kediri-2024": ("35.71", "Pemilihan Wali Kota dan Wakil Wali Kota Kediri 2024"),
    "pilpres-2024": (None, "Pemilihan Presiden dan Wakil Presiden 2024"),
}
MALANG = "pilkada-kota-malang-2024"
KEDIRI = "pilkada-kota-kediri-2024"
NATIONAL = "pilpres-2024"
# Region codes whose visibility is checked (the region list holds every kelurahan too).
REGION_PROBES = {"35.73", "35.73.05", "35.73.05.1004", "35.73.05.1009", "35.73.02", "35.71"}

ALL_UNITS = set(UNITS)
MALANG_UNITS = {"malang", "lowokwaru", "dinoyo", "mojolangu", "klojen"}
LOWOKWARU_UNITS = {"lowokwaru", "dinoyo", "mojolangu"}
ALL_ASN = set(ASN)
MALANG_ASN = {"malang", "lowokwaru", "dinoyo", "mojolangu", "mojolangu-2", "klojen"}
LOWOKWARU_ASN = {"lowokwaru", "dinoyo", "mojolangu", "mojolangu-2"}
MALANG_REGIONS = {c for c in REGION_PROBES if c.startswith("35.73")}


@dataclass(frozen=True)
class Expect:
    """What one user may see: labels of units, ASN and elections, probe region codes."""

    role: str | None
    region: str | None = None
    units: set[str] = field(default_factory=set)
    asn: set[str] = field(default_factory=set)
    elections: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    manages: set[str] = field(default_factory=set)


EXPECTATIONS: dict[str, Expect] = {
    "admin": Expect(
        Role.ADMIN,
        units=ALL_UNITS,
        asn=ALL_ASN,
        elections=set(ELECTIONS),
        regions=REGION_PROBES,
        manages=set(ELECTIONS),
    ),
    "inspektorat-malang": Expect(
        Role.INSPEKTORAT,
        "35.73",
        units=MALANG_UNITS,
        asn=MALANG_ASN,
        elections={MALANG, NATIONAL},
        regions=MALANG_REGIONS,
        manages={MALANG},
    ),
    "inspektorat-kediri": Expect(
        Role.INSPEKTORAT,
        "35.71",
        units={"kediri", "mojoroto"},
        asn={"kediri", "mojoroto"},
        elections={KEDIRI, NATIONAL},
        regions={"35.71"},
        manages={KEDIRI},
    ),
    "camat-lowokwaru": Expect(
        Role.CAMAT,
        "35.73.05",
        units=LOWOKWARU_UNITS,
        asn=LOWOKWARU_ASN,
        elections={MALANG, NATIONAL},
        regions={"35.73.05", "35.73.05.1004", "35.73.05.1009"},
    ),
    "lurah-dinoyo": Expect(
        Role.LURAH,
        "35.73.05.1004",
        units={"dinoyo"},
        asn={"dinoyo"},
        elections={MALANG, NATIONAL},
        regions={"35.73.05.1004"},
    ),
    "bawaslu-malang": Expect(
        Role.BAWASLU,
        "35.73",
        units=MALANG_UNITS,
        asn=MALANG_ASN,
        elections={MALANG},
        regions=MALANG_REGIONS,
    ),
    "bkn": Expect(
        Role.BKN,
        units=ALL_UNITS,
        asn=ALL_ASN,
        elections=set(ELECTIONS),
        regions=REGION_PROBES,
    ),
    "asn": Expect(Role.ASN, units={"mojolangu"}, asn={"mojolangu"}, elections={MALANG, NATIONAL}),
    "no-role": Expect(None, elections={NATIONAL}),
}


@dataclass
class World:
    users: dict[str, User]
    nips: dict[str, str]
    accounts: dict[str, int]  # social account pk by ASN label

    def client_for(self, label: str) -> Client:
        client = Client()
        client.force_login(self.users[label])
        return client


@pytest.fixture
def world(regions: None) -> World:
    units = {
        label: UnitFactory.create(code=f"unit-{label}", name=name, region=region(code))
        for label, (code, name) in UNITS.items()
    }
    staff = {
        label: AsnFactory.create(name=name, unit=units[unit]) for label, (unit, name) in ASN.items()
    }
    for slug, (code, name) in ELECTIONS.items():
        national = code is None
        election = ElectionFactory.create(
            slug=slug,
            name=name,
            kind=ElectionKind.PEMILU if national else ElectionKind.PILKADA,
            office=Office.PRESIDEN if national else Office.WALIKOTA,
            region=region(code) if code else None,
        )
        CandidatePairFactory.create(election=election, number=1)
    users: dict[str, User] = {}
    for label, expect in EXPECTATIONS.items():
        user = UserFactory.create(username=label)
        if expect.role is not None:
            RoleAssignment.objects.create(
                user=user,
                role=expect.role,
                region=region(expect.region) if expect.region else None,
                election=ElectionFactory.create(slug=MALANG)
                if expect.role == Role.BAWASLU
                else None,
            )
        users[label] = user
    staff["mojolangu"].user = users["asn"]
    staff["mojolangu"].save()
    accounts = {
        label: SocialAccount.objects.create(
            asn=staff[label], platform=Platform.INSTAGRAM, handle=f"akun.{label}"
        ).pk
        for label in ("mojolangu", "dinoyo")
    }
    return World(
        users=users, nips={label: asn.nip for label, asn in staff.items()}, accounts=accounts
    )


def _names_on_page(html: str, names: dict[str, str]) -> set[str]:
    return {label for label, name in names.items() if name in html}


def _codes_on_page(html: str) -> set[str]:
    return set(re.findall(r">\s*(\d{2}(?:\.\d+)*)\s*<", html)) & REGION_PROBES


def _api_items(client: Client, url: str) -> list[dict[str, Any]]:
    response = client.get(url, {"limit": 1000})
    assert response.status_code == 200, (url, response.status_code)
    body = response.json()
    return body["items"] if isinstance(body, dict) else body


def _page(client: Client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def _seen_lists(world: World, client: Client, token_client: Client) -> dict[str, set[str]]:
    """Every list page and API list, reduced to the labels of the rows it shows.

    The API is read twice: with the browser session and with an API token of the user.
    """
    unit_names = {label: name for label, (_, name) in UNITS.items()}
    asn_names = {label: name for label, (_, name) in ASN.items()}
    election_names = {slug: name for slug, (_, name) in ELECTIONS.items()}
    code_to_unit = {f"unit-{label}": label for label in UNITS}
    nip_to_asn = {nip: label for label, nip in world.nips.items()}
    seen = {
        "page registry:unit_list": _names_on_page(_page(client, "registry:unit_list"), unit_names),
        "page registry:asn_list": _names_on_page(_page(client, "registry:asn_list"), asn_names),
        "page elections:election_list": _names_on_page(
            _page(client, "elections:election_list"), election_names
        ),
        "page regions:region_list": _codes_on_page(_page(client, "regions:region_list")),
    }
    for how, api_client in (("api", client), ("token", token_client)):
        seen |= {
            f"{how} registry/units": {
                code_to_unit[row["code"]]
                for row in _api_items(api_client, "/api/v1/registry/units")
            },
            f"{how} registry/asn": {
                nip_to_asn[row["nip"]] for row in _api_items(api_client, "/api/v1/registry/asn")
            },
            f"{how} elections/": {
                row["slug"] for row in _api_items(api_client, "/api/v1/elections/")
            },
            f"{how} regions/": {row["code"] for row in _api_items(api_client, "/api/v1/regions/")}
            & REGION_PROBES,
        }
    return seen


# Detail pages and endpoints, by the kind of object they show.
ASN_DETAILS: list[Callable[[str], str]] = [
    lambda nip: reverse("registry:asn_detail", args=[nip]),
]
UNIT_DETAILS: list[Callable[[str], str]] = [
    lambda label: reverse("registry:unit_detail", args=[f"unit-{label}"]),
]
ELECTION_DETAILS: list[Callable[[str], str]] = [
    lambda slug: reverse("elections:election_detail", args=[slug]),
    lambda slug: reverse("elections:watchlist", args=[slug]),
    lambda slug: f"/api/v1/elections/{slug}",
    lambda slug: f"/api/v1/elections/{slug}/stages",
    lambda slug: f"/api/v1/elections/{slug}/pairs",
    lambda slug: f"/api/v1/elections/{slug}/watchlist",
]
# Pages that change an election: (method, url, data). Invalid data changes nothing.
ELECTION_WRITES: list[Callable[[str], tuple[str, str, dict[str, str]]]] = [
    lambda slug: ("get", reverse("elections:pair_create", args=[slug]), {}),
    lambda slug: ("get", reverse("elections:pair_edit", args=[slug, 1]), {}),
    lambda slug: ("post", reverse("elections:schedule", args=[slug]), {"schedule": "-"}),
    lambda slug: ("post", reverse("elections:terms", args=[slug]), {}),
]
IMPORTERS = {"admin", "inspektorat-malang", "inspektorat-kediri"}


def _role_pages(world: World) -> list[tuple[str, str, dict[str, Any], Callable[[str], set[int]]]]:
    """Pages gated by role rather than by region: (method, url, data, statuses by user)."""
    own, other = world.accounts["mojolangu"], world.accounts["dinoyo"]

    def importer(ok: int) -> Callable[[str], set[int]]:
        return lambda label: {ok} if label in IMPORTERS else {403}

    empty_csv = SimpleUploadedFile("asn.csv", b"", content_type="text/csv")
    return [
        ("get", reverse("registry:my_accounts"), {}, lambda u: {200} if u == "asn" else {403}),
        ("post", reverse("registry:my_account_withdraw", args=[other]), {}, lambda u: {404}),
        (
            "post",
            reverse("registry:my_account_withdraw", args=[own]),
            {},
            lambda u: {302} if u == "asn" else {404},
        ),
        ("get", reverse("registry:import"), {}, importer(200)),
        ("post", reverse("registry:import_apply"), {"kind": "asn"}, importer(302)),
        ("get", reverse("registry:import_errors", args=["0" * 64, "asn"]), {}, importer(404)),
        ("get", reverse("registry:import_template", args=["asn", "csv"]), {}, lambda u: {200}),
        (
            "post",
            "/api/v1/registry/import/asn",
            {"file": empty_csv},
            lambda u: {400, 415, 422} if u in IMPORTERS else {403},
        ),
    ]


def _status_mismatches(
    client: Client, checks: list[tuple[str, str, dict[str, Any], set[int]]]
) -> dict[str, dict[str, Any]]:
    wrong: dict[str, dict[str, Any]] = {}
    for method, url, data, allowed in checks:
        got = getattr(client, method)(url, data).status_code
        if got not in allowed:
            wrong[f"{method.upper()} {url}"] = {"status": got, "expected": sorted(allowed)}
    return wrong


@pytest.mark.parametrize("label", list(EXPECTATIONS))
def test_each_role_sees_exactly_its_scope(world: World, label: str) -> None:
    expect = EXPECTATIONS[label]
    client = world.client_for(label)
    _token, raw = issue_api_token(actor=None, user=world.users[label], name="matriks")
    token_client = Client(headers={"Authorization": f"Bearer {raw}"})
    wanted = {
        "registry:unit_list": expect.units,
        "registry:asn_list": expect.asn,
        "elections:election_list": expect.elections,
        "regions:region_list": expect.regions,
        "registry/units": expect.units,
        "registry/asn": expect.asn,
        "elections/": expect.elections,
        "regions/": expect.regions,
    }
    wrong: dict[str, dict[str, Any]] = {
        key: {"shown": sorted(seen), "expected": sorted(wanted[key.split(" ", 1)[1]])}
        for key, seen in _seen_lists(world, client, token_client).items()
        if seen != wanted[key.split(" ", 1)[1]]
    }

    checks: list[tuple[str, str, dict[str, Any], set[int]]] = []
    for asn_label, nip in world.nips.items():
        status = 200 if asn_label in expect.asn else 404
        checks += [("get", url_of(nip), {}, {status}) for url_of in ASN_DETAILS]
    for unit_label in UNITS:
        status = 200 if unit_label in expect.units else 404
        checks += [("get", url_of(unit_label), {}, {status}) for url_of in UNIT_DETAILS]
    for slug in ELECTIONS:
        status = 200 if slug in expect.elections else 404
        checks += [("get", url_of(slug), {}, {status}) for url_of in ELECTION_DETAILS]
        for write in ELECTION_WRITES:
            method, url, data = write(slug)
            if slug in expect.manages:
                allowed = {200, 302}
            else:
                allowed = {403} if slug in expect.elections else {404}
            checks.append((method, url, data, allowed))
    checks += [(m, url, data, rule(label)) for m, url, data, rule in _role_pages(world)]
    wrong |= _status_mismatches(client, checks)
    assert not wrong, f"{label} sees the wrong things: {wrong}"


def test_a_lurah_cannot_see_another_kelurahans_data(world: World) -> None:
    client = world.client_for("lurah-dinoyo")
    units = client.get(reverse("registry:unit_list")).content.decode()
    assert UNITS["dinoyo"][1] in units
    assert UNITS["mojolangu"][1] not in units  # same kecamatan, other kelurahan
    other = reverse("registry:asn_detail", args=[world.nips["mojolangu"]])
    assert client.get(other).status_code == 404
    assert client.get("/api/v1/registry/asn", {"q": ASN["mojolangu"][1]}).json()["count"] == 0


def test_kediri_inspektorat_sees_nothing_of_malang(world: World) -> None:
    client = world.client_for("inspektorat-kediri")
    for name in ("registry:unit_list", "registry:asn_list", "elections:election_list"):
        html = _page(client, name)
        assert "Malang" not in html, name
    codes = {row["code"] for row in _api_items(client, "/api/v1/regions/")}
    assert codes
    assert all(code.startswith("35.71") for code in codes)
    assert client.get(f"/api/v1/elections/{MALANG}/watchlist").status_code == 404


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += _patterns(entry, f"{entry.namespace}:" if entry.namespace else prefix)
        elif entry.name:
            found.append((f"{prefix}{entry.name}", entry))
    return found


SCOPED_APPS = ("regions", "registry", "elections")
PAGE_NAMES = {
    "regions:region_list",
    "registry:unit_list",
    "registry:unit_detail",
    "registry:asn_list",
    "registry:asn_detail",
    "registry:my_accounts",
    "registry:my_account_withdraw",
    "registry:import",
    "registry:import_apply",
    "registry:import_errors",
    "registry:import_template",
    "elections:election_list",
    "elections:election_detail",
    "elections:watchlist",
    "elections:pair_create",
    "elections:pair_edit",
    "elections:schedule",
    "elections:terms",
}
API_PATHS = {
    "/api/v1/regions/",
    "/api/v1/registry/units",
    "/api/v1/registry/asn",
    "/api/v1/registry/import/{kind}",
    "/api/v1/elections/",
    "/api/v1/elections/{slug}",
    "/api/v1/elections/{slug}/stages",
    "/api/v1/elections/{slug}/pairs",
    "/api/v1/elections/{slug}/watchlist",
}


def _app_pages() -> dict[str, URLPattern]:
    return {
        name: pattern
        for name, pattern in _patterns(get_resolver())
        if name.split(":", 1)[0] in SCOPED_APPS
    }


def _app_api_paths() -> dict[str, set[str]]:
    """API paths of the scoped apps, with their HTTP methods."""
    paths = api.get_openapi_schema()["paths"]
    return {p: set(ops) for p, ops in paths.items() if p.split("/")[3] in SCOPED_APPS}


def test_the_matrix_covers_every_page_and_endpoint() -> None:
    assert set(_app_pages()) == PAGE_NAMES
    assert set(_app_api_paths()) == API_PATHS


def test_anonymous_users_are_sent_to_login_and_the_api_answers_401(world: World) -> None:
    client = Client()
    args: dict[str, Any] = {
        "nip": world.nips["dinoyo"],
        "slug": MALANG,
        "number": 1,
        "code": "unit-dinoyo",
        "pk": world.accounts["dinoyo"],
        "sha256": "0" * 64,
        "kind": "asn",
        "fmt": "csv",
    }
    for name, pattern in _app_pages().items():
        url = reverse(name, kwargs={key: args[key] for key in pattern.pattern.regex.groupindex})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(f"{reverse('accounts:login')}?next="), url
    for path, methods in _app_api_paths().items():
        url = re.sub(r"\{(\w+)\}", lambda m: str(args[m.group(1)]), path)
        for method in methods:
            response = getattr(client, method)(url)
            assert response.status_code == 401, (method, path)
            assert response.json()["code"] == "not_authenticated"
