from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from netra.prevention.models import Attendance, AttendanceMethod, Briefing, QuestionKind
from netra.prevention.quiz import ALLOWED, FORBIDDEN, question_pool
from netra.prevention.selectors import briefing_coverage_by_unit
from netra.prevention.services import (
    AttendanceImportRejected,
    check_in_by_nip,
    check_in_self,
    create_briefing,
    import_attendance,
    submit_quiz,
)
from netra.registry.models import Asn
from netra.testing.factories import region

from .conftest import City, asn_with_login

pytestmark = pytest.mark.django_db


def _briefing(city: City, *, quiz_size: int = 0, starts: dt.datetime | None = None) -> Briefing:
    starts = starts or timezone.now() - dt.timedelta(minutes=30)
    return create_briefing(
        actor=city.camat_lowokwaru,
        election=city.election,
        region=region("35.73.05"),
        title="Sosialisasi netralitas ASN Kecamatan Lowokwaru",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="Aula Kantor Kecamatan Lowokwaru",
        speaker="Bawaslu Kota Malang",
        units=[city.kel_tunggulwulung, city.kel_merjosari],
        quiz_size=quiz_size,
        rng=random.Random(7),
    )


@pytest.mark.parametrize(
    ("camat", "unit", "error"),
    [
        ("camat_lowokwaru", "kel_klojen", ValidationError),  # a unit outside the kecamatan
        ("camat_klojen", "kel_tunggulwulung", PermissionDenied),  # another camat's kecamatan
    ],
)
def test_a_camat_organises_only_inside_their_kecamatan(
    city: City, camat: str, unit: str, error: type[Exception]
) -> None:
    now = timezone.now()
    with pytest.raises(error):
        create_briefing(
            actor=getattr(city, camat),
            election=city.election,
            region=region("35.73.05"),
            title="Sosialisasi",
            starts_at=now,
            ends_at=now,
            place="Aula",
            speaker="Bawaslu",
            units=[getattr(city, unit)],
        )
    assert not Briefing.objects.exists()


def test_attendance_is_recorded_once_whatever_the_way_in(city: City) -> None:
    briefing = _briefing(city)
    asn = asn_with_login(city.kel_tunggulwulung)
    first, created = check_in_self(actor=asn.user, briefing=briefing)
    assert created
    again, created_again = check_in_by_nip(
        actor=None, code=briefing.checkin_code.lower(), nip=asn.nip
    )
    assert not created_again
    assert again.pk == first.pk
    assert first.method == AttendanceMethod.QR
    assert Attendance.objects.filter(briefing=briefing).count() == 1


def test_check_in_is_closed_outside_the_session(city: City) -> None:
    briefing = _briefing(city, starts=timezone.now() + dt.timedelta(days=2))
    asn = asn_with_login(city.kel_tunggulwulung)
    with pytest.raises(ValidationError, match="belum dibuka"):
        check_in_self(actor=asn.user, briefing=briefing)


def test_public_check_in_names_the_bad_field(city: City) -> None:
    briefing = _briefing(city)
    with pytest.raises(ValidationError) as exc:
        check_in_by_nip(actor=None, code="ZZZZZZ", nip="x")
    assert "code" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        check_in_by_nip(actor=None, code=briefing.checkin_code, nip="198601012010011999")
    assert "nip" in exc.value.error_dict


def test_public_check_in_page_records_attendance(city: City) -> None:
    briefing = _briefing(city)
    asn = asn_with_login(city.kel_merjosari, name="Rina Wulandari")
    response = Client().post(
        reverse("prevention:checkin"), {"code": briefing.checkin_code, "nip": asn.nip}
    )
    assert "Kehadiran Rina Wulandari" in response.content.decode()
    assert Attendance.objects.filter(briefing=briefing, asn=asn).exists()


def _csv(*nips: str) -> bytes:
    return ("nama;NIP\n" + "".join(f"peserta;{n}\n" for n in nips)).encode()


def test_bulk_upload_adds_all_rows_and_skips_those_already_present(city: City) -> None:
    briefing = _briefing(city)
    people = [asn_with_login(city.kel_tunggulwulung) for _ in range(3)]
    check_in_self(actor=people[0].user, briefing=briefing)
    spaced = f"{people[2].nip[:8]} {people[2].nip[8:14]} {people[2].nip[14]} {people[2].nip[15:]}"
    result = import_attendance(
        actor=city.camat_lowokwaru,
        briefing=briefing,
        data=_csv(people[0].nip, people[1].nip, spaced),
        source_name="hadir.csv",
    )
    assert (result.added, result.already) == (2, 1)
    assert Attendance.objects.filter(briefing=briefing).count() == 3


def test_bulk_upload_with_a_bad_row_saves_nothing_and_names_every_bad_row(city: City) -> None:
    briefing = _briefing(city)
    good = asn_with_login(city.kel_tunggulwulung)
    with pytest.raises(AttendanceImportRejected) as exc:
        import_attendance(
            actor=city.camat_lowokwaru,
            briefing=briefing,
            data=_csv(good.nip, "12345", "199001012015011999", good.nip, "1,98609E+17"),
            source_name="hadir.csv",
        )
    errors = dict(exc.value.result.errors)
    assert set(errors) == {3, 4, 5, 6}
    assert "18 angka" in errors[3]
    assert "tidak terdaftar" in errors[4]
    assert "ganda" in errors[5]
    assert "baris 2" in errors[5]
    assert "Excel" in errors[6]
    assert not Attendance.objects.exists()


def test_bulk_upload_reads_xlsx(city: City) -> None:
    briefing = _briefing(city)
    asn = asn_with_login(city.kel_merjosari)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIP"])
    sheet.append([asn.nip])
    out = io.BytesIO()
    book.save(out)
    result = import_attendance(
        actor=city.camat_lowokwaru, briefing=briefing, data=out.getvalue(), source_name="h.xlsx"
    )
    assert result.added == 1


def test_bulk_upload_without_a_nip_column_is_refused(city: City) -> None:
    briefing = _briefing(city)
    with pytest.raises(AttendanceImportRejected, match="nip"):
        import_attendance(
            actor=city.camat_lowokwaru, briefing=briefing, data=b"nama\nx\n", source_name="a.csv"
        )


def test_the_quiz_is_drawn_from_the_catalogue_and_scored(city: City) -> None:
    briefing = _briefing(city, quiz_size=6)
    questions = list(briefing.questions.all())
    assert len(questions) == 6
    pool = {(q.source_code, q.prompt_id) for q in question_pool()}
    assert all((q.source_code, q.prompt_id) in pool for q in questions)
    assert any(q.answer == ALLOWED for q in questions)
    asn = asn_with_login(city.kel_tunggulwulung)
    check_in_self(actor=asn.user, briefing=briefing)
    answers = {str(q.number): q.answer for q in questions}
    wrong = questions[0]
    answers[str(wrong.number)] = next(c[0] for c in wrong.choices if c[0] != wrong.answer)
    attempt = submit_quiz(actor=asn.user, briefing=briefing, answers=answers)
    assert (attempt.score, attempt.total) == (5, 6)
    with pytest.raises(ValidationError, match="sudah mengerjakan"):
        submit_quiz(actor=asn.user, briefing=briefing, answers=answers)


def test_forbidden_examples_are_not_allowed_and_sanctions_match_the_catalogue(
    city: City,
) -> None:
    pool = question_pool()
    d2 = [q for q in pool if q.source_code == "D2"]
    assert {q.answer for q in d2 if q.kind == QuestionKind.ALLOWED} == {FORBIDDEN}
    assert [q.answer for q in d2 if q.kind == QuestionKind.SANCTION] == ["berat"]
    assert not [q for q in pool if q.source_code == "D13" and q.kind == QuestionKind.SANCTION]


def test_only_attendees_take_the_quiz_and_every_question_must_be_answered(city: City) -> None:
    briefing = _briefing(city, quiz_size=3)
    asn = asn_with_login(city.kel_tunggulwulung)
    with pytest.raises(PermissionDenied):
        submit_quiz(actor=asn.user, briefing=briefing, answers={})
    check_in_self(actor=asn.user, briefing=briefing)
    with pytest.raises(ValidationError, match="1, 2, 3"):
        submit_quiz(actor=asn.user, briefing=briefing, answers={})


def test_briefing_coverage_per_unit(city: City) -> None:
    briefing = _briefing(city)
    came = [asn_with_login(city.kel_tunggulwulung) for _ in range(2)]
    asn_with_login(city.kel_tunggulwulung)
    asn_with_login(city.kel_merjosari)
    Asn.objects.filter(pk=came[1].pk).update(is_active=True)
    for asn in came:
        check_in_self(actor=asn.user, briefing=briefing)
    rows = {
        c.key: (c.done, c.total) for c in briefing_coverage_by_unit(city.election, city.inspektorat)
    }
    assert rows == {"kel-tunggulwulung": (2, 3), "kel-merjosari": (0, 1)}
    assert briefing_coverage_by_unit(city.election, city.camat_klojen) == []
