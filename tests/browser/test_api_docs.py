"""Swagger UI renders the API under our Content Security Policy, offline."""

from __future__ import annotations

from typing import Any


def test_swagger_ui_lists_the_operations_without_csp_violations(
    page: Any, screenshot: Any, live_server: Any
) -> None:
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on(
        "request",
        lambda request: (
            problems.append(f"external request {request.url}")
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto("/api/v1/docs")
    page.locator(".opblock-tag").first.wait_for()
    tags = page.locator(".opblock-tag").all_inner_texts()
    assert any("registry" in tag for tag in tags)
    assert page.locator(".opblock").count() >= 3
    assert not [p for p in problems if "Content Security Policy" in p or "external" in p]
    screenshot(page, "api-docs-desktop")
