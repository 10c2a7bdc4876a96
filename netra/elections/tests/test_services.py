from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netra.accounts.models import Role
from netra.core.audit import history_of
from netra.elections.models import CandidatePair, Election
from netra.elections.services import save_candidate_pair, update_election_terms
from netra.testing.factories import AsnFactory, user_with_role

pytestmark = pytest.mark.django_db


def _pair(election: Election, **changes: object) -> CandidatePair:
    values: dict[str, object] = {"number": 1, "head_name": "Wahyu Hidayat"}
    values.update(changes)
    return save_candidate_pair(actor=None, election=election, **values)  # type: ignore[arg-type]


def test_lists_are_stripped_and_deduplicated_keeping_the_first_spelling(malang: Election) -> None:
    pair = _pair(
        malang,
        nicknames=" WALI , wali\nMas  Wahyu\n\n",
        parties=["Gerindra", " Gerindra ", "PKS"],
        slogans="Malang Berkelas, Bermartabat\nmalang berkelas, bermartabat",
    )

    assert pair.nicknames == ["WALI", "Mas Wahyu"]
    assert pair.parties == ["Gerindra", "PKS"]
    assert pair.slogans == ["Malang Berkelas, Bermartabat"]  # a slogan keeps its comma


def test_hashtags_get_exactly_one_hash(malang: Election) -> None:
    pair = _pair(malang, hashtags="MalangBerkelas, #MalangBerkelas\n##WALI01 #malangberkelas")

    assert pair.hashtags == ["#MalangBerkelas", "#WALI01"]


def test_a_hashtag_with_a_space_is_refused_with_the_tag_named(malang: Election) -> None:
    with pytest.raises(ValidationError) as excinfo:
        _pair(malang, hashtags=["#Malang Berkelas"])

    assert "Malang Berkelas" in excinfo.value.message_dict["hashtags"][0]


def test_ballot_number_is_unique_within_the_election(malang: Election, kediri: Election) -> None:
    _pair(malang, number=1)
    _pair(kediri, number=1, head_name="Vinanda Prameswati")  # another election: fine

    with pytest.raises(ValidationError) as excinfo:
        _pair(malang, number=1, head_name="Heri Cahyono")
    assert "Nomor urut 1 sudah dipakai" in excinfo.value.message_dict["number"][0]


def test_the_head_name_is_required(malang: Election) -> None:
    with pytest.raises(ValidationError) as excinfo:
        _pair(malang, head_name="   ")

    assert "head_name" in excinfo.value.message_dict


def test_updating_a_pair_keeps_its_number_free_for_itself_and_is_audited(malang: Election) -> None:
    pair = _pair(malang, nicknames=["WALI"])

    save_candidate_pair(
        actor=None,
        election=malang,
        pair=pair,
        number=1,
        head_name="Wahyu Hidayat",
        nicknames=["WALI", "Mas Wahyu"],
    )

    events = list(history_of(pair))
    assert [e.action for e in events] == ["election.pair_created", "election.pair_updated"]
    assert events[1].before is not None
    assert events[1].before["nicknames"] == ["WALI"]
    assert events[1].after is not None
    assert events[1].after["nicknames"] == ["WALI", "Mas Wahyu"]


def test_saving_an_unchanged_pair_records_nothing(malang: Election) -> None:
    pair = _pair(malang, nicknames=["WALI"])

    save_candidate_pair(
        actor=None, election=malang, pair=pair, number=1, head_name="Wahyu Hidayat",
        nicknames="WALI",
    )  # fmt: skip

    assert history_of(pair).count() == 1


def test_an_incumbent_head_can_be_linked_to_their_asn_record(malang: Election) -> None:
    official = AsnFactory.create(name="Wahyu Hidayat", position="Penjabat Wali Kota Malang")

    pair = _pair(malang, head_asn=official, is_incumbent=True)

    pair.refresh_from_db()
    assert pair.head_asn == official
    assert pair.is_incumbent


def test_inspektorat_of_the_city_may_edit_its_pilkada(malang: Election) -> None:
    inspektorat = user_with_role(Role.INSPEKTORAT, "35.73")

    pair = save_candidate_pair(actor=inspektorat, election=malang, number=2, head_name="Heri")

    assert history_of(pair).get().actor_label == inspektorat.username


@pytest.mark.parametrize(
    ("role", "region"),
    [
        (Role.INSPEKTORAT, "35.71"),  # the Inspektorat of Kota Kediri
        (Role.CAMAT, "35.73.05"),
        (Role.BAWASLU, "35.73"),
        (Role.BKN, None),
    ],
)
def test_other_roles_may_not_edit_pairs(malang: Election, role: str, region: str | None) -> None:
    user = user_with_role(role, region)

    with pytest.raises(PermissionDenied):
        save_candidate_pair(actor=user, election=malang, number=1, head_name="Wahyu Hidayat")
    assert not malang.pairs.exists()


def test_only_an_admin_may_edit_a_national_election(pemilu: Election) -> None:
    with pytest.raises(PermissionDenied):
        update_election_terms(
            actor=user_with_role(Role.INSPEKTORAT, "35.73"), election=pemilu, extra_terms="x"
        )

    update_election_terms(actor=user_with_role(Role.ADMIN), election=pemilu, extra_terms="Pemilu")
    pemilu.refresh_from_db()
    assert pemilu.extra_terms == ["Pemilu"]
