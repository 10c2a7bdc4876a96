"""Uploaded import files: checked, then kept under MEDIA_ROOT/imports/ by SHA-256.

The dry run and the "Terapkan" click are two requests; the file waits on the server in
between, named by its own hash, so the apply step reads exactly the bytes that were
checked (and checks them again). A JSON note beside it keeps the original file name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from .report import sha256_of
from .tabular import FORMATS, TableError, sniff_format

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True)
class StoredUpload:
    sha256: str
    name: str
    path: Path

    def read(self) -> bytes:
        return self.path.read_bytes()


def import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def check_upload(upload: UploadedFile) -> bytes:
    """The file's bytes, once its size, extension and content are acceptable.

    Raises :class:`ValidationError` with a message for the person uploading.
    """
    limit = settings.NETRA_IMPORT_MAX_BYTES
    name = upload.name or ""
    if not name.lower().endswith(tuple(f".{fmt}" for fmt in FORMATS)):
        raise ValidationError(_("Hanya berkas .csv atau .xlsx yang dapat diimpor."), code="type")
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar; batasnya %(limit)s.") % {"limit": filesizeformat(limit)},
            code="size",
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("Berkas terlalu besar; batasnya %(limit)s.") % {"limit": filesizeformat(limit)},
            code="size",
        )
    if not data.strip():
        raise ValidationError(_("Berkas kosong."), code="empty")
    try:
        sniff_format(data, name)
    except TableError as exc:
        raise ValidationError(str(exc), code="type") from exc
    return data


def store_upload(*, data: bytes, name: str) -> StoredUpload:
    """Keep ``data`` until it is applied; the same bytes always land in the same file."""
    sha256 = sha256_of(data)
    ext = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    clean_name = _UNSAFE_NAME.sub("_", Path(name).name)[:150] or f"impor{ext}"
    directory = import_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{sha256}{ext}"
    if not path.exists():
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)
    note = {"name": clean_name, "stored_at": timezone.now().isoformat()}
    path.with_suffix(".json").write_text(json.dumps(note), encoding="utf-8")
    return StoredUpload(sha256=sha256, name=clean_name, path=path)


def load_upload(sha256: str) -> StoredUpload | None:
    """The stored file with this hash, or ``None`` (also for anything not a hash)."""
    if not _SHA256.match(sha256):
        return None
    for ext in (".xlsx", ".csv"):
        path = import_dir() / f"{sha256}{ext}"
        if path.is_file():
            note_path = path.with_suffix(".json")
            name = f"impor{ext}"
            if note_path.is_file():
                name = json.loads(note_path.read_text(encoding="utf-8")).get("name", name)
            if sha256_of(path.read_bytes()) != sha256:
                return None  # changed on disk: never apply something that was not checked
            return StoredUpload(sha256=sha256, name=name, path=path)
    return None
