"""Evidence files: checked by content, cleaned of location data, stored by SHA-256.

A reporter's photo often carries the GPS position of the place it was taken, which may
be their home, and the make and serial of their phone. Images are therefore decoded and
re-encoded from their pixels (orientation applied first), so no EXIF, XMP, GPS or maker
notes survive. The type is decided by the file's first bytes, never by its name or the
browser's claim. Files are stored once per content under
``MEDIA_ROOT/evidence/ab/cd/<sha256>``: the same photo sent twice is kept once.

Both hashes are kept: ``original_sha256`` (what the reporter sent, so they can prove it
is theirs) and ``sha256`` (what is stored and served, after cleaning).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import filetype
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# The content types we accept, by what the bytes say they are.
IMAGE_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
VIDEO_TYPES = {"video/mp4", "video/quicktime", "video/webm"}
DOCUMENT_TYPES = {"application/pdf"}
ALLOWED_TYPES = set(IMAGE_TYPES) | VIDEO_TYPES | DOCUMENT_TYPES
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "application/pdf": "pdf",
}
# iPhones save HEIC; it is decoded with pillow-heif and kept as a clean JPEG.
HEIC_TYPES = {"image/heic", "image/heif"}

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_FILES = 10
DEFAULT_MAX_TOTAL_BYTES = 100 * 1024 * 1024
# Refuse images that decode to more than this many pixels (decompression bombs).
MAX_PIXELS = 60_000_000
CHUNK = 1024 * 1024


def max_file_bytes() -> int:
    return int(getattr(settings, "NETRA_EVIDENCE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def max_files() -> int:
    return int(getattr(settings, "NETRA_EVIDENCE_MAX_FILES", DEFAULT_MAX_FILES))


def max_total_bytes() -> int:
    return int(getattr(settings, "NETRA_EVIDENCE_MAX_TOTAL_BYTES", DEFAULT_MAX_TOTAL_BYTES))


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


class EvidenceRejected(ValueError):
    """A file we will not keep; the message says which file and why, for the reporter."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class StoredFile:
    """A file written to evidence storage; ``sha256`` names it on disk."""

    sha256: str
    original_sha256: str
    content_type: str
    size: int
    original_size: int
    original_name: str
    metadata_removed: bool

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "bin")


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def heic_supported() -> bool:
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


def sniff(head: bytes) -> str | None:
    """The content type the file's first bytes announce, or None if unknown."""
    kind = filetype.guess(head)
    return kind.mime if kind is not None else None


def check_batch(files: Iterable[Any]) -> None:
    """Refuse a batch with too many files or too many bytes in total."""
    files = list(files)
    if len(files) > max_files():
        raise EvidenceRejected(
            str(_("Paling banyak %(n)d berkas per laporan; Anda mengirim %(got)d."))
            % {"n": max_files(), "got": len(files)},
            code="too_many_files",
        )
    total = sum(int(getattr(f, "size", 0) or 0) for f in files)
    if total > max_total_bytes():
        raise EvidenceRejected(
            str(_("Ukuran seluruh berkas paling besar %(max)s; Anda mengirim %(got)s."))
            % {"max": megabytes(max_total_bytes()), "got": megabytes(total)},
            code="total_too_large",
        )


def _chunks(source: IO[bytes]) -> Iterator[bytes]:
    while True:
        block = source.read(CHUNK)
        if not block:
            return
        yield block


def _check_declared_size(source: Any, name: str) -> None:
    """Refuse early on the size the upload declares (checked again while reading)."""
    size = int(getattr(source, "size", 0) or 0)
    if size > max_file_bytes():
        raise EvidenceRejected(
            str(_("Berkas %(name)s terlalu besar (%(got)s); paling besar %(max)s."))
            % {"name": name, "got": megabytes(size), "max": megabytes(max_file_bytes())},
            code="file_too_large",
        )


def _reject_type(name: str) -> EvidenceRejected:
    return EvidenceRejected(
        str(
            _(
                "Berkas %(name)s bukan foto (JPEG, PNG, WebP, GIF, HEIC), video (MP4, MOV, "
                "WebM) atau PDF menurut isinya; berkas ini tidak disimpan."
            )
        )
        % {"name": name},
        code="type_not_allowed",
    )


def clean_image(data: bytes, content_type: str, name: str) -> tuple[bytes, str]:
    """Re-encode an image from its pixels: no EXIF, GPS, XMP or comments survive.

    Returns the new bytes and their content type (HEIC becomes JPEG).
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise EvidenceRejected(
                    str(_("Gambar %(name)s terlalu besar (%(w)d×%(h)d piksel)."))
                    % {"name": name, "w": image.width, "h": image.height},
                    code="image_too_large",
                )
            if content_type == "image/gif" and getattr(image, "n_frames", 1) > 1:
                return _clean_animation(image), content_type
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            fmt = IMAGE_TYPES.get(content_type, "JPEG")
            out_type = content_type if content_type in IMAGE_TYPES else "image/jpeg"
            return _encode(_pixels_only(upright, fmt), fmt), out_type
    except EvidenceRejected:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise EvidenceRejected(
            str(_("Gambar %(name)s rusak atau tidak dapat dibaca.")) % {"name": name},
            code="image_unreadable",
        ) from exc


def _pixels_only(image: Image.Image, fmt: str) -> Image.Image:
    """A fresh image holding only the pixels (and palette): no ``info`` is carried."""
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        image = image.convert("RGBA")
    fresh = Image.new(image.mode, image.size)
    if image.mode == "P":
        palette = image.getpalette()
        if palette is not None:
            fresh.putpalette(palette)
        if "transparency" in image.info:
            fresh.info["transparency"] = image.info["transparency"]
    fresh.paste(image)
    return fresh


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    options: dict[str, Any] = {}
    if fmt == "JPEG":
        options = {"quality": 90, "optimize": True}
    elif fmt == "WEBP":
        options = {"quality": 90}
    elif fmt == "GIF" and "transparency" in image.info:
        options = {"transparency": image.info["transparency"]}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _clean_animation(image: Image.Image) -> bytes:
    frames = [_pixels_only(frame.convert("RGBA"), "GIF") for frame in ImageSequence.Iterator(image)]
    durations = [int(image.info.get("duration", 100))] * len(frames)
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=int(image.info.get("loop", 0)),
        disposal=2,
    )
    return buffer.getvalue()


# ISO media (MP4/MOV) boxes that hold user data: location (©xyz), device, author.
_METADATA_BOXES = {b"udta", b"meta", b"uuid"}
_CONTAINER_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf"}


def blank_video_metadata(data: bytearray) -> bool:
    """Turn MP4/MOV metadata boxes into ``free`` boxes of the same size, zero-filled.

    Sizes and offsets stay the same, so the media still plays; the location box
    (``©xyz``) and device names are gone. Returns whether anything was blanked.
    """
    return _blank_boxes(data, 0, len(data))


def _blank_boxes(data: bytearray, start: int, end: int) -> bool:
    changed = False
    pos = start
    while pos + 8 <= end:
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = bytes(data[pos + 4 : pos + 8])
        header = 8
        if size == 1 and pos + 16 <= end:
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            break  # malformed or truncated: leave the rest as it is
        if kind in _METADATA_BOXES:
            data[pos + 4 : pos + 8] = b"free"
            data[pos + header : pos + size] = bytes(size - header)
            changed = True
        elif kind in _CONTAINER_BOXES:
            changed = _blank_boxes(data, pos + header, pos + size) or changed
        pos += size
    return changed


def _write_blob(data: bytes, sha256: str) -> None:
    """Write ``data`` under its hash unless a file with that hash is already there."""
    target = evidence_root() / sha256[:2] / sha256[2:4] / sha256
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, 0o640)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def blob_path(sha256: str) -> Path:
    """Where the stored file with this hash lives (it may not exist)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return evidence_root() / sha256[:2] / sha256[2:4] / sha256


def store_upload(upload: Any) -> StoredFile:
    """Check, clean and store one uploaded file; raise :class:`EvidenceRejected` if refused.

    ``upload`` is a Django ``UploadedFile`` (or anything with ``name``, ``size``,
    ``chunks()`` / ``read()``).
    """
    name = os.path.basename(str(getattr(upload, "name", "") or "berkas"))[:200]
    _check_declared_size(upload, name)
    if hasattr(upload, "seek"):
        upload.seek(0)
    chunks = upload.chunks() if hasattr(upload, "chunks") else _chunks(upload)
    buffer = bytearray()
    for block in chunks:
        buffer.extend(block)
        if len(buffer) > max_file_bytes():  # the size the client declared may be a lie
            raise EvidenceRejected(
                str(_("Berkas %(name)s terlalu besar; paling besar %(max)s."))
                % {"name": name, "max": megabytes(max_file_bytes())},
                code="file_too_large",
            )
    if not buffer:
        raise EvidenceRejected(
            str(_("Berkas %(name)s kosong.")) % {"name": name}, code="file_empty"
        )
    original = bytes(buffer)
    original_sha256 = hashlib.sha256(original).hexdigest()
    content_type = sniff(original[:8192])
    if content_type in HEIC_TYPES and heic_supported():
        import pillow_heif

        pillow_heif.register_heif_opener()
    elif content_type not in ALLOWED_TYPES:
        raise _reject_type(name)
    assert content_type is not None
    metadata_removed = False
    if content_type in IMAGE_TYPES or content_type in HEIC_TYPES:
        stored, content_type = clean_image(original, content_type, name)
        metadata_removed = True
    elif content_type in {"video/mp4", "video/quicktime"}:
        metadata_removed = blank_video_metadata(buffer)
        stored = bytes(buffer)
    else:
        stored = original
    sha256 = hashlib.sha256(stored).hexdigest()
    _write_blob(stored, sha256)
    return StoredFile(
        sha256=sha256,
        original_sha256=original_sha256,
        content_type=content_type,
        size=len(stored),
        original_size=len(original),
        original_name=name,
        metadata_removed=metadata_removed,
    )


def open_blob(sha256: str) -> IO[bytes]:
    """Open a stored file for reading; callers have already checked permission."""
    return blob_path(sha256).open("rb")


def store_all(files: Iterable[Any]) -> list[StoredFile]:
    """Check a batch, then clean and store each file; raises :class:`EvidenceRejected`.

    Run before the database transaction: a refused file refuses the whole batch, and a
    stored file nobody links to is harmless (it is named by its content).
    """
    files = list(files)
    check_batch(files)
    return [store_upload(upload) for upload in files]


def attach_stored(
    *, actor: Any, case: Any, stored: Iterable[StoredFile], from_reporter: bool = False
) -> list[Any]:
    """Link stored files to ``case`` through the case service (audited, once per file)."""
    from .services import attach_evidence

    return [
        attach_evidence(
            actor=actor,
            case=case,
            sha256=item.sha256,
            content_type=item.content_type,
            size=item.size,
            original_name=item.original_name,
            original_sha256=item.original_sha256,
            metadata_removed=item.metadata_removed,
            from_reporter=from_reporter,
        )
        for item in stored
    ]


def record_evidence_opened(*, actor: Any, item: Any) -> None:
    """Note on the case's audit trail that ``actor`` opened an evidence file.

    Who looked at a reporter's photo is as much a record as who changed the case.
    """
    from django.db import transaction

    from netra.core.audit import record_audit

    with transaction.atomic():
        record_audit(
            actor=actor,
            action="case.evidence_opened",
            obj=item.case,
            after={"evidence": item.pk, "sha256": item.sha256},
        )
