from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from netra.core.models import AuditEvent
from netra.elections.models import CAMPAIGN, QUIET_PERIOD, VOTING, Election, Stage
from netra.elections.schedule_files import (
    ScheduleError,
    available_schedules,
    load_schedule_file,
    parse_schedule,
)
from netra.elections.services import apply_schedule

pytestmark = pytest.mark.django_db

D = dt.date


def test_both_official_schedules_are_shipped_with_their_legal_basis() -> None:
    assert {"pkpu-2-2024", "pkpu-3-2022"} <= set(available_schedules())
    assert load_schedule_file("pkpu-2-2024").legal_basis.startswith("PKPU 2/2024")
    assert load_schedule_file("pkpu-3-2022").legal_basis.startswith("PKPU 3/2022")


@pytest.mark.parametrize(
    ("name", "code", "starts_on", "ends_on"),
    [
        ("pkpu-2-2024", "pendaftaran", D(2024, 8, 27), D(2024, 8, 29)),
        ("pkpu-2-2024", "penetapan-paslon", D(2024, 9, 22), D(2024, 9, 22)),
        ("pkpu-2-2024", "pengundian-nomor-urut", D(2024, 9, 23), D(2024, 9, 23)),
        ("pkpu-2-2024", CAMPAIGN, D(2024, 9, 25), D(2024, 11, 23)),
        ("pkpu-2-2024", QUIET_PERIOD, D(2024, 11, 24), D(2024, 11, 26)),
        ("pkpu-2-2024", VOTING, D(2024, 11, 27), D(2024, 11, 27)),
        ("pkpu-2-2024", "penghitungan-rekapitulasi", D(2024, 11, 27), D(2024, 12, 16)),
        ("pkpu-3-2022", CAMPAIGN, D(2023, 11, 28), D(2024, 2, 10)),
        ("pkpu-3-2022", QUIET_PERIOD, D(2024, 2, 11), D(2024, 2, 13)),
        ("pkpu-3-2022", VOTING, D(2024, 2, 14), D(2024, 2, 14)),
        ("pkpu-3-2022", "rekapitulasi", D(2024, 2, 15), D(2024, 3, 20)),
    ],
)
def test_schedule_stages_match_the_regulation(
    name: str, code: str, starts_on: dt.date, ends_on: dt.date
) -> None:
    stage = load_schedule_file(name).stage(code)

    assert stage is not None, f"{name} has no stage {code}"
    assert (stage.starts_on, stage.ends_on) == (starts_on, ends_on)


def test_applying_a_schedule_creates_the_stages_and_follows_its_voting_day(
    kediri: Election,
) -> None:
    kediri.voting_date = D(2024, 12, 1)
    kediri.save()

    result = apply_schedule(actor=None, election=kediri, schedule="pkpu-2-2024")

    kediri.refresh_from_db()
    assert len(result.created) == len(load_schedule_file("pkpu-2-2024").stages)
    assert kediri.voting_date == D(2024, 11, 27)
    assert kediri.legal_basis.startswith("PKPU 2/2024")
    assert [s.code for s in kediri.stages.all()][:2] == ["pengumuman-pendaftaran", "pendaftaran"]


def test_applying_the_same_schedule_again_changes_nothing(malang: Election) -> None:
    stages_before = list(Stage.objects.values_list("pk", "code", "starts_on", "ends_on"))
    events_before = AuditEvent.objects.count()

    result = apply_schedule(actor=None, election=malang, schedule="pkpu-2-2024")

    assert not result.changed
    assert list(Stage.objects.values_list("pk", "code", "starts_on", "ends_on")) == stages_before
    assert AuditEvent.objects.count() == events_before


def test_reapplying_restores_an_edited_stage_and_records_it(malang: Election) -> None:
    Stage.objects.filter(election=malang, code=CAMPAIGN).update(ends_on=D(2024, 11, 30))

    result = apply_schedule(actor=None, election=malang, schedule="pkpu-2-2024")

    assert result.updated == [CAMPAIGN]
    campaign = malang.stage(CAMPAIGN)
    assert campaign is not None
    assert campaign.ends_on == D(2024, 11, 23)
    assert AuditEvent.objects.filter(action="election.schedule_applied").count() == 2


def test_a_pemilu_schedule_cannot_be_applied_to_a_pilkada(malang: Election) -> None:
    with pytest.raises(ScheduleError, match="pkpu-3-2022"):
        apply_schedule(actor=None, election=malang, schedule="pkpu-3-2022")


def test_an_unknown_schedule_names_the_available_ones(malang: Election) -> None:
    with pytest.raises(ScheduleError, match="pkpu-2-2024"):
        apply_schedule(actor=None, election=malang, schedule="pkpu-9-2099")


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        ({"code": "Kampanye!", "name": "x", "starts_on": "2024-01-01", "ends_on": "2024-01-02"},
         "lower-case slug"),
        ({"code": "kampanye", "name": "x", "starts_on": "2024-02-01", "ends_on": "2024-01-02"},
         "before starts_on"),
        ({"code": "kampanye", "name": "x", "starts_on": "1 Jan 2024", "ends_on": "2024-01-02"},
         "starts_on: '1 Jan 2024' is not a date"),
        ({"code": "kampanye", "name": "", "starts_on": "2024-01-01", "ends_on": "2024-01-02"},
         "name is empty"),
    ],
)  # fmt: skip
def test_a_bad_stage_is_reported_with_its_position(stage: dict[str, str], message: str) -> None:
    data = {"name": "x", "kind": "pilkada", "legal_basis": "x", "stages": [stage]}

    with pytest.raises(ScheduleError, match=r"test\.json, stage 1") as excinfo:
        parse_schedule(data, source="test.json")
    assert message in str(excinfo.value)


def test_a_stage_code_may_appear_only_once() -> None:
    stage = {"code": "kampanye", "name": "x", "starts_on": "2024-01-01", "ends_on": "2024-01-02"}
    data = {"name": "x", "kind": "pemilu", "legal_basis": "x", "stages": [stage, stage]}

    with pytest.raises(ScheduleError, match="stage 2: code 'kampanye' appears twice"):
        parse_schedule(data, source="test.json")


def test_load_schedule_command_is_safe_to_run_twice(kediri: Election) -> None:
    first, second = io.StringIO(), io.StringIO()

    call_command("load_schedule", kediri.slug, "pkpu-2-2024", stdout=first)
    call_command("load_schedule", kediri.slug, "pkpu-2-2024", stdout=second)

    assert "9 stage(s) created" in first.getvalue()
    assert "0 stage(s) created, 0 updated, 9 unchanged" in second.getvalue()
    assert kediri.stages.count() == 9


def test_load_schedule_command_rejects_an_unknown_election(regions: None) -> None:
    with pytest.raises(CommandError, match="no election with slug 'tidak-ada'"):
        call_command("load_schedule", "tidak-ada", "pkpu-2-2024")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 8, 23), None),
        (D(2024, 8, 28), "pendaftaran"),  # registration and verification overlap
        (D(2024, 9, 1), "penelitian-persyaratan"),
        (D(2024, 9, 24), None),  # the day between the number draw and the campaign
        (D(2024, 10, 1), CAMPAIGN),
        (D(2024, 11, 25), QUIET_PERIOD),
        (D(2024, 11, 27), VOTING),  # voting wins over the count that starts the same day
        (D(2024, 12, 2), "penghitungan-rekapitulasi"),
        (D(2025, 1, 1), None),
    ],
)
def test_current_stage_of_the_pilkada(malang: Election, day: dt.date, expected: str | None) -> None:
    stage = malang.current_stage(day)

    assert (stage.code if stage else None) == expected


@pytest.mark.parametrize(
    ("day", "campaigning"),
    [
        (D(2024, 9, 24), False),
        (D(2024, 9, 25), True),
        (D(2024, 11, 23), True),
        (D(2024, 11, 24), False),
    ],
)
def test_campaign_period_includes_its_first_and_last_day(
    malang: Election, day: dt.date, campaigning: bool
) -> None:
    assert malang.is_campaign_period(day) is campaigning


def test_stage_lookup_by_code(pemilu: Election) -> None:
    quiet = pemilu.stage(QUIET_PERIOD)

    assert quiet is not None
    assert quiet.starts_on == D(2024, 2, 11)
    assert pemilu.stage("pendaftaran") is None
