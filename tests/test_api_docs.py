"""The API describes itself: OpenAPI schema and Swagger UI, served without any CDN."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from netra.api import api


@pytest.mark.django_db
def test_openapi_schema_lists_every_mounted_router(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Netra API"
    assert schema["openapi"].startswith("3.")
    tags = {tag for op in _operations(schema) for tag in op.get("tags", [])}
    mounted = {router.tags[0] for _prefix, router in api._routers if router.tags}
    assert {"regions", "registry", "elections"} <= mounted
    assert mounted <= tags
    assert "/api/v1/registry/units" in schema["paths"]
    # Session authentication is declared, so clients know they must sign in.
    assert schema["components"]["securitySchemes"]


@pytest.mark.django_db
def test_docs_page_uses_only_local_assets_and_no_inline_script(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/") for s in sources), sources
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    for attrs, body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        assert "src=" not in attrs or not body.strip()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def _operations(schema: dict) -> list[dict]:
    return [op for path in schema["paths"].values() for op in path.values()]
