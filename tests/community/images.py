"""Pictures made on the fly for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def picture(fmt="JPEG", size=(640, 480), color=(200, 30, 30), exif_gps=False, name=None):
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0)}  # GPSInfo
        kwargs["exif"] = exif
    image.save(out, format=fmt, **kwargs)
    ext = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    content_type = f"image/{ext if ext != 'jpg' else 'jpeg'}"
    return SimpleUploadedFile(name or f"photo.{ext}", out.getvalue(), content_type=content_type)


def corrupt_picture():
    """Starts like a JPEG, then is garbage: a real decoder must reject it."""
    data = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x13\x37" * 500
    return SimpleUploadedFile("holiday.jpg", data, content_type="image/jpeg")
