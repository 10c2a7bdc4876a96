from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netra.prevention.guide import search_guide
from netra.rules.models import ViolationForm

pytestmark = pytest.mark.django_db


def test_every_active_rule_is_a_forbidden_entry_with_its_examples() -> None:
    with translation.override("id"):
        allowed, forbidden = search_guide()
    assert [e.code for e in forbidden] == list(
        ViolationForm.objects.filter(is_active=True).values_list("code", flat=True)
    )
    d2 = next(e for e in forbidden if e.code == "D2")
    assert d2.title == "Mengkampanyekan calon di media sosial"
    assert "Mengunggah 'Coblos nomor 2!' di Facebook" in d2.examples
    assert d2.sanction == "Hukuman disiplin berat"
    assert any(e.code == "B1" for e in allowed)


def test_search_in_indonesian_matches_every_word() -> None:
    with translation.override("id"):
        allowed, forbidden = search_guide("grup whatsapp")
    assert {e.code for e in forbidden} == {"E4"}
    assert allowed == []


def test_search_in_english_uses_the_english_text() -> None:
    with translation.override("en"):
        allowed, forbidden = search_guide("billboard fence")
        assert {e.code for e in forbidden} == {"E1"}
        assert forbidden[0].title == "Putting up a prospective candidate's banner"
        allowed, _ = search_guide("polling station")
        assert "B1" in {e.code for e in allowed}
        assert search_guide("baliho") == ([], [])


def test_the_page_needs_no_login_and_has_anchors_per_rule() -> None:
    response = Client().get(reverse("prevention:guide"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="D2"' in page
    assert 'id="B1"' in page
    assert "Tidak boleh" in page


def test_htmx_search_returns_only_the_results_in_the_ui_language() -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("prevention:guide"), {"q": "liking"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page
    assert "Liking, commenting, sharing or joining a candidate&#x27;s campaign group" in page
    assert 'id="D6"' in page
    assert 'id="E4"' in page
    assert 'id="D1"' not in page
    indonesian = Client().get(reverse("prevention:guide"), {"q": "liking"}, HTTP_HX_REQUEST="true")
    assert 'id="D6"' not in indonesian.content.decode()
