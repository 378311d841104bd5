"""Turning an uploaded picture into one we are willing to store and serve.

The upload is decoded with Pillow (its name and content type are not trusted), checked against
the size and pixel limits in settings, and re-encoded from pixels alone, so metadata such as
EXIF/GPS and anything appended to the file are gone.
"""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})


def open_checked(upload) -> Image.Image:
    """Decode `upload` (a Django UploadedFile) and return the loaded image.

    Raises ValidationError with a message a shopper can act on when the file is too large,
    is not a JPEG/PNG/WebP/GIF picture, is damaged, or has too many pixels.
    """
    if upload.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; pictures can be at most %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES),
            },
            code="too_large",
        )
    upload.seek(0)
    try:
        image = Image.open(upload)
        if image.format not in ALLOWED_FORMATS:
            raise _not_a_picture()
        width, height = image.size
        if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
            raise ValidationError(
                _("This picture is %(width)s × %(height)s pixels; at most %(limit)s megapixels.")
                % {
                    "width": width,
                    "height": height,
                    "limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000,
                },
                code="too_many_pixels",
            )
        image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise _not_a_picture() from exc
    return image


def square_avatar(upload) -> ContentFile:
    """A checked upload as a square WebP of settings.AVATAR_SIZE pixels, ready to save."""
    image = ImageOps.exif_transpose(open_checked(upload))
    image = image.convert("RGBA" if _has_transparency(image) else "RGB")
    size = settings.AVATAR_SIZE
    image = ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=85, method=4)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.webp")


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _not_a_picture() -> ValidationError:
    return ValidationError(
        _("This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF image."),
        code="invalid_image",
    )


def post_image(upload) -> ContentFile:
    """A checked upload as a WebP at most settings.POST_IMAGE_MAX_WIDTH wide, ready to save
    as a PostImage (the only version we keep: uploads are never served as sent)."""
    image = ImageOps.exif_transpose(open_checked(upload))
    image = image.convert("RGBA" if _has_transparency(image) else "RGB")
    image.thumbnail(
        (settings.POST_IMAGE_MAX_WIDTH, settings.POST_IMAGE_MAX_WIDTH * 4), Image.Resampling.LANCZOS
    )
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=82, method=4)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.webp")
