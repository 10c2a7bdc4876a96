"""Evidence storage: content checks, metadata removal, size limits, de-duplication."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import ExifTags, Image

from netra.cases import evidence
from netra.cases.evidence import EvidenceRejected, blob_path, check_batch, store_upload

from .evidence_samples import (
    CAMERA_MAKE,
    GPS_PROCESSING,
    heic_with_gps,
    mp4_with_location,
    pdf_document,
    photo_with_gps,
    upload,
    windows_program,
)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_photo_is_stored_without_exif_or_gps() -> None:
    original = photo_with_gps()
    assert CAMERA_MAKE.encode() in original  # the sample really carries the metadata
    assert GPS_PROCESSING in original

    stored = store_upload(upload(original, "IMG_0001.jpg", "image/jpeg"))

    data = blob_path(stored.sha256).read_bytes()
    assert b"Exif\x00\x00" not in data
    assert CAMERA_MAKE.encode() not in data
    assert b"NETRA-GPS-MARKER" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif
    assert stored.metadata_removed
    assert stored.content_type == "image/jpeg"


def test_both_hashes_are_recorded_and_the_file_is_named_by_the_stored_one() -> None:
    original = photo_with_gps()
    stored = store_upload(upload(original, "foto.jpg"))

    assert stored.original_sha256 == hashlib.sha256(original).hexdigest()
    data = blob_path(stored.sha256).read_bytes()
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.sha256 != stored.original_sha256
    assert blob_path(stored.sha256).parent.parent.name == stored.sha256[:2]
    assert blob_path(stored.sha256).parent.name == stored.sha256[2:4]


def test_orientation_is_applied_before_the_tag_is_dropped() -> None:
    # Orientation 6 = the camera was turned; the picture must come out upright (tall).
    stored = store_upload(upload(photo_with_gps(size=(80, 40), orientation=6), "miring.jpg"))
    with Image.open(blob_path(stored.sha256)) as image:
        assert image.size == (40, 80)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_other_image_formats_are_re_encoded_in_their_own_format(fmt: str) -> None:
    image = Image.new("RGB", (20, 20), (0, 128, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA_MAKE
    buffer = io.BytesIO()
    extra: dict[str, Any] = {"comment": CAMERA_MAKE} if fmt == "GIF" else {"exif": exif}
    image.save(buffer, format=fmt, **extra)

    stored = store_upload(upload(buffer.getvalue(), f"gambar.{fmt.lower()}"))

    data = blob_path(stored.sha256).read_bytes()
    assert CAMERA_MAKE.encode() not in data
    assert stored.content_type == f"image/{fmt.lower()}"


def test_program_renamed_as_photo_is_refused_by_its_content() -> None:
    with pytest.raises(EvidenceRejected) as caught:
        store_upload(upload(windows_program(), "foto-bukti.jpg", "image/jpeg"))
    assert caught.value.code == "type_not_allowed"
    assert "foto-bukti.jpg" in caught.value.message
    assert not [p for p in evidence.evidence_root().rglob("*") if p.is_file()]


def test_corrupt_image_is_refused() -> None:
    broken = photo_with_gps()[:200]
    with pytest.raises(EvidenceRejected) as caught:
        store_upload(upload(broken, "rusak.jpg"))
    assert caught.value.code == "image_unreadable"


def test_pdf_is_kept_byte_for_byte() -> None:
    document = pdf_document()
    stored = store_upload(upload(document, "surat.pdf"))
    assert stored.content_type == "application/pdf"
    assert blob_path(stored.sha256).read_bytes() == document
    assert stored.sha256 == stored.original_sha256


def test_video_location_box_is_blanked_and_the_size_kept() -> None:
    video = mp4_with_location()
    stored = store_upload(upload(video, "rekaman.mp4"))
    data = blob_path(stored.sha256).read_bytes()
    assert stored.content_type == "video/mp4"
    assert len(data) == len(video)
    assert b"\xa9xyz" not in data
    assert b"+112.6300" not in data
    assert b"mdat" in data
    assert b"mvhd" in data
    assert stored.metadata_removed


def test_file_over_the_size_limit_is_refused(settings: Any) -> None:
    settings.NETRA_EVIDENCE_MAX_FILE_BYTES = 1000
    with pytest.raises(EvidenceRejected) as caught:
        store_upload(upload(pdf_document() + b"%" * 2000, "besar.pdf"))
    assert caught.value.code == "file_too_large"
    assert "besar.pdf" in caught.value.message


def test_batch_over_the_file_count_or_total_size_is_refused(settings: Any) -> None:
    settings.NETRA_EVIDENCE_MAX_FILES = 2
    files = [upload(pdf_document(), f"{n}.pdf") for n in range(3)]
    with pytest.raises(EvidenceRejected) as caught:
        check_batch(files)
    assert caught.value.code == "too_many_files"
    check_batch(files[:2])

    settings.NETRA_EVIDENCE_MAX_TOTAL_BYTES = len(pdf_document()) + 1
    with pytest.raises(EvidenceRejected) as caught:
        check_batch(files[:2])
    assert caught.value.code == "total_too_large"


def test_same_content_is_stored_once() -> None:
    photo = photo_with_gps()
    first = store_upload(upload(photo, "a.jpg"))
    second = store_upload(upload(photo, "b.jpg"))
    assert first.sha256 == second.sha256
    files = [p for p in evidence.evidence_root().rglob("*") if p.is_file()]
    assert len(files) == 1


def test_empty_file_is_refused() -> None:
    with pytest.raises(EvidenceRejected) as caught:
        store_upload(upload(b"", "kosong.jpg"))
    assert caught.value.code == "file_empty"


def test_blob_path_refuses_anything_but_a_hex_digest() -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        blob_path("../../etc/passwd")


def test_heic_photo_becomes_a_jpeg_without_location() -> None:
    original = heic_with_gps()
    assert CAMERA_MAKE.encode() in original

    stored = store_upload(upload(original, "IMG_0001.HEIC"))

    data = blob_path(stored.sha256).read_bytes()
    assert stored.content_type == "image/jpeg"
    assert CAMERA_MAKE.encode() not in data
    assert b"NETRA-GPS-MARKER" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == (64, 32)


def test_animated_gif_keeps_its_frames_but_not_its_comment() -> None:
    frames = [Image.new("RGB", (16, 16), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], comment=CAMERA_MAKE
    )
    assert CAMERA_MAKE.encode() in buffer.getvalue()

    stored = store_upload(upload(buffer.getvalue(), "gerak.gif"))

    data = blob_path(stored.sha256).read_bytes()
    assert CAMERA_MAKE.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert getattr(image, "n_frames", 1) == 2
