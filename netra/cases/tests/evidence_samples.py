"""Sample evidence files for tests: a phone photo with GPS, a renamed program, a video."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

# Distinctive values that must not survive cleaning; searched for in the stored bytes.
CAMERA_MAKE = "NetraTestPhoneMaker"
GPS_PROCESSING = b"ASCII\x00\x00\x00NETRA-GPS-MARKER"


def photo_with_gps(*, size: tuple[int, int] = (64, 32), orientation: int = 1) -> bytes:
    """A JPEG with EXIF camera make, GPS position (Kota Malang) and an orientation."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA_MAKE
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (7.0, 58.0, 1.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (112.0, 37.0, 48.2)
    gps[ExifTags.GPS.GPSProcessingMethod] = GPS_PROCESSING
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def upload(
    data: bytes, name: str, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def windows_program() -> bytes:
    """The start of a Windows executable (MZ header + PE signature)."""
    header = bytearray(b"MZ" + bytes(58) + (64).to_bytes(4, "little"))
    return bytes(header) + b"PE\x00\x00" + bytes(512)


def mp4_with_location() -> bytes:
    """A tiny ISO media file whose moov/udta holds a ©xyz location box."""

    def box(kind: bytes, payload: bytes) -> bytes:
        return (8 + len(payload)).to_bytes(4, "big") + kind + payload

    ftyp = box(b"ftyp", b"isom" + (512).to_bytes(4, "big") + b"isomiso2mp41")
    location = box(b"\xa9xyz", b"\x00\x12\x15\xc7-07.9671+112.6300/")
    moov = box(b"moov", box(b"mvhd", bytes(100)) + box(b"udta", location))
    mdat = box(b"mdat", b"\x00" * 64)
    return ftyp + moov + mdat


def pdf_document() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def heic_with_gps() -> bytes:
    """An iPhone-style HEIC photo carrying the same EXIF camera make and GPS block."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    with Image.open(io.BytesIO(photo_with_gps())) as jpeg:
        exif = jpeg.getexif()
        buffer = io.BytesIO()
        jpeg.save(buffer, format="HEIF", exif=exif.tobytes(), quality=80)
    return buffer.getvalue()
