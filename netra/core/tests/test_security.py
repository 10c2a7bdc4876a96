"""Security settings users rely on: CSP without inline code, CSRF for htmx, error pages
in Indonesian, and a production configuration that passes ``check --deploy``."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from netra.testing.factories import UserFactory

ROOT = Path(settings.BASE_DIR)
LOGIN = reverse("accounts:login")


def _templates() -> list[Path]:
    return sorted(p for p in (ROOT / "netra").rglob("templates/**/*.html"))


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client: Client) -> None:
    client.force_login(UserFactory.create())
    for url in (LOGIN, reverse("core:home"), reverse("accounts:profile"), "/tidak-ada/"):
        csp = client.get(url).headers.get("Content-Security-Policy", "")
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert directives.get("script-src") == "'self'", url
        assert directives.get("style-src") == "'self'", url
        assert directives.get("frame-ancestors") == "'none'", url
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp


def test_templates_have_no_inline_script_style_or_event_handlers() -> None:
    """The CSP forbids them, so they would silently not work in the browser."""
    problems = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.S | re.I):
            attrs, body = match.groups()
            if "src=" not in attrs and 'type="application/json"' not in attrs:
                problems.append(f"{path}: inline <script>")
            elif body.strip() and "src=" in attrs:
                problems.append(f"{path}: <script src> with a body")
        if re.search(r"<style\b", text, flags=re.I):
            problems.append(f"{path}: <style> element")
        if re.search(r"""\sstyle\s*=\s*["']""", text, flags=re.I):
            problems.append(f"{path}: style attribute")
        if re.search(r"""\son[a-z]+\s*=\s*["']""", text, flags=re.I):
            problems.append(f"{path}: on… event handler attribute")
        if re.search(r"\shx-on(:|-)", text, flags=re.I):
            problems.append(f"{path}: hx-on attribute (needs eval)")
        if re.search(r"""(src|href)\s*=\s*["']https?://""", text, flags=re.I):
            problems.append(f"{path}: asset from another site")
    assert len(_templates()) > 10
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_htmx_is_configured_without_eval_and_sends_the_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory.create())
    html = client.get(reverse("core:home")).content.decode()

    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    assert config is not None
    assert json.loads(config.group(1))["allowEval"] is False
    headers = re.search(r"hx-headers='([^']+)'", html)
    assert headers is not None
    token = json.loads(headers.group(1))["X-CSRFToken"]
    assert token

    # A POST carrying that header (as htmx sends it) passes the CSRF check …
    response = client.post(reverse("accounts:logout"), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    # … and one without it is refused.
    client.force_login(UserFactory.create())
    assert client.post(reverse("accounts:logout")).status_code == 403


@pytest.mark.django_db
def test_unknown_page_gives_the_indonesian_404(client: Client) -> None:
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "di luar wilayah tugas Anda" in html


@pytest.mark.django_db
def test_csrf_failure_page_explains_what_to_do() -> None:
    response = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir kedaluwarsa" in html
    assert "Muat ulang halaman" in html


@pytest.mark.django_db
def test_403_page_shows_the_reason_in_indonesian() -> None:
    request = RequestFactory().get("/")
    with translation.override(settings.LANGUAGE_CODE):
        response = defaults.permission_denied(
            request, PermissionDenied("Anda tidak berwenang mengubah pemilihan ini.")
        )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in html
    assert "Anda tidak berwenang mengubah pemilihan ini." in html


def test_400_and_500_pages_are_indonesian() -> None:
    request = RequestFactory().get("/")
    with translation.override(settings.LANGUAGE_CODE):
        bad = defaults.bad_request(request, ValueError("x"))
        broken = defaults.server_error(request)
    assert bad.status_code == 400
    assert "Permintaan tidak valid" in bad.content.decode()
    assert broken.status_code == 500
    assert "Terjadi kesalahan pada server" in broken.content.decode()


PROD_PROBE = """
import json, django
from io import StringIO
django.setup()
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import SystemCheckError
out = StringIO()
try:
    call_command("check", deploy=True, fail_level="DEBUG", stdout=out, stderr=out)
except SystemCheckError as exc:
    out.write(str(exc))
print(json.dumps({
    "check": out.getvalue(),
    "hash": make_password("contoh-kata-sandi"),
    "debug": settings.DEBUG,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "csrf_httponly": settings.CSRF_COOKIE_HTTPONLY,
    "session_age": settings.SESSION_COOKIE_AGE,
    "samesite": [settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE],
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict:
    var = tmp_path_factory.mktemp("prod-var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netra.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "netra.malangkota.go.id",
        "NETRA_FIELD_KEYS": Fernet.generate_key().decode(),
        "NETRA_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
    }
    # Set for the browser tests in this process; a deployment never has it.
    for leftover in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(leftover, None)
    result = subprocess.run(
        [sys.executable, "-c", PROD_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_pass_check_deploy_without_any_warning(production: dict) -> None:
    assert "System check identified no issues" in production["check"], production["check"]


def test_production_hashes_passwords_with_argon2(production: dict) -> None:
    assert production["hash"].startswith("argon2$argon2id$")


def test_production_cookies_are_secure(production: dict) -> None:
    assert production["debug"] is False
    assert production["session_secure"] is True
    assert production["session_httponly"] is True
    assert production["csrf_secure"] is True
    assert production["csrf_httponly"] is True
    assert production["session_age"] <= 12 * 60 * 60
    assert production["samesite"] == ["Lax", "Lax"]
