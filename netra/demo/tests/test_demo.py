from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse

from netra.accounts.models import User
from netra.core.audit import verify_chain
from netra.core.models import AuditEvent
from netra.demo.seed.names import FEMALE_FIRST, MALE_FIRST
from netra.demo.seed.staff import people_for
from netra.demo.seed.units import KECAMATAN, UNITS, allocate
from netra.demo.seed.users import DEMO_PASSWORD, SPECS, RoleUser
from netra.demo.serve import serve
from netra.elections.models import Election
from netra.registry.models import Asn, AsnType, SocialAccount, Unit, UnitKind
from netra.registry.nip import parse_nip

pytestmark = pytest.mark.django_db

SIZE = "200"


def _demo(*extra: str) -> str:
    out = io.StringIO()
    call_command("demo", "--no-server", "--asn", SIZE, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo seeded once for this module (seeding takes a while), rolled back after.

    Seeding runs in an outer transaction that is never committed, so data loaded by
    migrations (the rules catalogue) and other modules are untouched; each test still
    runs in its own nested transaction, so what a test changes is rolled back too.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "asn": Asn.objects.count(),
        "accounts": SocialAccount.objects.count(),
        "users": User.objects.count(),
        "pairs": Election.objects.get(slug="pilkada-kota-malang-2024").pairs.count(),
        "events": AuditEvent.objects.count(),
    }


def test_a_second_run_adds_nothing(seeded: str) -> None:
    before = _counts()

    output = _demo()

    assert _counts() == before
    assert "nothing added" in output
    assert verify_chain() is None


def test_seeding_writes_through_audited_steps(seeded: str) -> None:
    actions = set(AuditEvent.objects.values_list("action", flat=True))

    assert {"unit.imported", "asn.imported", "election.created", "user.created"} <= actions
    assert AuditEvent.objects.filter(action="asn.imported").count() == 1  # one for all staff


def test_the_requested_number_of_asn_all_with_valid_nips(seeded: str) -> None:
    staff = Asn.objects.exclude(name="Wahyu Hidayat")

    assert staff.count() == int(SIZE)
    for asn in Asn.objects.all():
        parsed = parse_nip(asn.nip, asn_type=asn.asn_type)
        assert (parsed.birth_date, parsed.gender) == (asn.birth_date, asn.gender), asn.nip
    assert staff.filter(asn_type=AsnType.PPPK).exists()
    assert staff.filter(asn_type=AsnType.PNS).count() > staff.count() // 2


def test_first_names_match_the_sex_digit_of_the_nip(seeded: str) -> None:
    checked = 0
    for name, gender in Asn.objects.values_list("name", "gender"):
        first = name.split(",")[0].removeprefix("drg. ").removeprefix("dr. ").split()[0]
        if first in MALE_FIRST and first not in FEMALE_FIRST:
            assert gender == "L", name
            checked += 1
        elif first in FEMALE_FIRST and first not in MALE_FIRST:
            assert gender == "P", name
            checked += 1
    assert checked > int(SIZE) // 2
    assert set(Asn.objects.values_list("gender", flat=True)) == {"L", "P"}


def test_units_cover_every_kecamatan_and_have_one_head(seeded: str) -> None:
    assert 35 <= Unit.objects.count() <= 45
    for code in KECAMATAN:
        inside = Unit.objects.filter(region__code__startswith=code)
        assert inside.filter(kind=UnitKind.KECAMATAN, region__code=code).count() == 1, code
        assert inside.filter(kind=UnitKind.KELURAHAN).exists(), code
        assert inside.filter(kind=UnitKind.SEKOLAH).exists(), code
        assert inside.filter(kind=UnitKind.PUSKESMAS).exists(), code
    for code in ("mlg-inspektorat", "mlg-bkpsdm", "mlg-bakesbangpol", "mlg-disdikbud"):
        assert Unit.objects.get(code=code).region.code == "35.73"
    heads = Unit.objects.annotate(heads=Count("staff", filter=Q(staff__is_head_of_unit=True)))
    assert all(unit.heads == 1 for unit in heads), [u.code for u in heads if u.heads != 1]


def test_some_asn_declared_social_accounts(seeded: str) -> None:
    declared = SocialAccount.objects.values("asn").distinct().count()

    assert 0 < declared < Asn.objects.count() // 2


def test_the_pilkada_has_its_three_pairs_and_schedule(seeded: str) -> None:
    election = Election.objects.get(slug="pilkada-kota-malang-2024")
    pairs = {p.number: p for p in election.pairs.all()}

    assert sorted(pairs) == [1, 2, 3]
    assert (pairs[1].head_name, pairs[1].deputy_name) == ("Wahyu Hidayat", "Ali Muthohirin")
    assert "WALI" in pairs[1].nicknames
    assert "Malang Berkelas" in pairs[1].slogans
    assert "Gerindra" in pairs[1].parties
    assert (pairs[2].head_name, pairs[2].deputy_name) == ("Heri Cahyono", "Ganisa Pratiwi Rumpoko")
    assert pairs[2].parties == ["PDI-P"]
    assert "Sam HC" in pairs[2].nicknames
    assert (pairs[3].head_name, pairs[3].deputy_name) == ("M. Anton", "Dimyati Ayatullah")
    assert pairs[3].parties == ["PKB", "Demokrat", "PAN"]
    assert "ABADI" in pairs[3].nicknames
    # The former Pj Wali Kota: an incumbent whose (now inactive) ASN record is linked.
    assert pairs[1].is_incumbent
    assert pairs[1].head_asn is not None
    assert not pairs[1].head_asn.is_active
    assert not pairs[2].is_incumbent
    assert not pairs[3].is_incumbent
    assert election.stage("kampanye") is not None
    assert election.legal_basis.startswith("PKPU 2/2024")


def test_pairs_edited_after_seeding_are_kept(seeded: str) -> None:
    election = Election.objects.get(slug="pilkada-kota-malang-2024")
    election.pairs.filter(number=2).update(nicknames=["Sam HC"])

    _demo()

    assert election.pairs.get(number=2).nicknames == ["Sam HC"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.username)
def test_every_role_user_logs_in_with_the_printed_password(seeded: str, spec: RoleUser) -> None:
    username, role = spec.username, spec.role
    client = Client()

    assert client.login(username=username, password=DEMO_PASSWORD)
    assert User.objects.get(username=username).has_role(role)
    assert client.get(reverse("core:home")).status_code == 200
    assert username in seeded
    assert DEMO_PASSWORD in seeded


def test_role_users_are_scoped_as_printed(seeded: str) -> None:
    bawaslu = User.objects.get(username="bawaslu")
    pinned = bawaslu.role_assignments.get().election
    assert pinned is not None
    assert pinned.slug == "pilkada-kota-malang-2024"
    asn_user = User.objects.get(username="asn")
    assert asn_user.asn.unit.code == "mlg-sdn-dinoyo-1"
    camat = User.objects.get(username="camat")
    camat_region = camat.role_assignments.get().region
    assert camat_region is not None
    assert camat_region.code == "35.73.05"
    head = Asn.objects.get(unit__code="mlg-kec-lowokwaru", is_head_of_unit=True)
    assert camat.full_name == head.name

    client = Client()
    client.force_login(User.objects.get(username="lurah"))
    response = client.get(reverse("registry:unit_list"))
    units = list(response.context["page"])
    assert units
    assert all(u.region.code == "35.73.05.1004" for u in units)


def test_the_output_warns_that_the_password_is_for_the_demo_only(seeded: str) -> None:
    assert "DEMO ONLY" in seeded


def test_generation_is_deterministic_and_allocation_exact() -> None:
    first = people_for(allocate(300), UNITS)
    again = people_for(allocate(300), UNITS)

    assert first == again
    assert len(first) == 300
    assert len({p.nip for p in first}) == 300
    shares = allocate(2000)
    assert sum(shares.values()) == 2000
    assert min(shares.values()) >= 1


def test_a_bad_size_is_refused() -> None:
    with pytest.raises(CommandError, match="--asn"):
        call_command("demo", "--no-server", "--asn", "0")


def test_without_no_server_it_prints_logins_then_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[tuple[int, str]] = []
    out = io.StringIO()
    monkeypatch.setattr(
        "netra.demo.management.commands.demo.serve",
        lambda *, port: served.append((port, out.getvalue())),
    )

    call_command("demo", "--asn", "50", "--port", "8123", stdout=out)

    assert served
    assert served[0][0] == 8123
    assert "inspektorat" in served[0][1]
    assert DEMO_PASSWORD in served[0][1]


def test_the_task_worker_runs_beside_the_server_and_stops_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[FakeProcess] = []

    def popen(command: list[str]) -> FakeProcess:
        started.append(FakeProcess(command))
        return started[-1]

    monkeypatch.setattr("netra.demo.serve.subprocess.Popen", popen)
    calls: list[tuple[str, ...]] = []

    def call_command(*args: str, **kwargs: object) -> None:
        started[0].assert_running()  # the worker is up while the web server runs
        calls.append(args)

    monkeypatch.setattr("netra.demo.serve.call_command", call_command)

    serve(port=8124)

    assert calls == [("runserver", "127.0.0.1:8124")]
    assert started[0].command[-4:-2] == ["netra", "db_worker"]
    assert started[0].terminated


class FakeProcess:
    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.terminated = False

    def assert_running(self) -> None:
        assert not self.terminated

    def poll(self) -> int | None:
        return 0 if self.terminated else None

    def terminate(self) -> None:
        self.terminated = True

    def wait(self, timeout: float) -> int:
        return 0
