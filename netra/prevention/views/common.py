"""Small helpers shared by the prevention views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, on the field it names if any."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def verify_url(request: HttpRequest, code: str) -> str:
    """The absolute public URL that checks ``code`` (what the QR code opens)."""
    return request.build_absolute_uri(f"{reverse('prevention:verify')}?kode={code}")


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "prevention/too_many.html", status=429)
