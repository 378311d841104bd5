"""Turning an uploaded picture into one we are willing to store and serve.

The upload is decoded with Pillow (its name and content type are not trusted), checked against
the size and pixel limits in settings, and re-encoded from pixels alone, so metadata such as
EXIF/GPS and anything appended to the file are gone.
"""

import io
import re
import uuid

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
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
            raise _too_many_pixels(width, height)
        # Only the first frame of an animation is decoded (and kept): we never seek past it,
        # so decoding costs one frame of at most IMAGE_UPLOAD_MAX_PIXELS whatever the
        # number of frames (frames × pixels decoded ≤ 1 × the pixel limit).
        image.load()
    except Image.DecompressionBombError as exc:
        # Pillow refuses before reading the size back to us: still a size problem, not a
        # damaged file.
        raise _too_many_pixels(None, None) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError) as exc:
        raise _not_a_picture() from exc
    return image


def _too_many_pixels(width, height) -> ValidationError:
    limit = settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000
    if width is None:
        return ValidationError(
            _("This picture has too many pixels; at most %(limit)s megapixels.")
            % {"limit": limit},
            code="too_many_pixels",
        )
    return ValidationError(
        _("This picture is %(width)s × %(height)s pixels; at most %(limit)s megapixels.")
        % {"width": width, "height": height, "limit": limit},
        code="too_many_pixels",
    )


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


# A picture attached to a form that came back with an error is kept here, already re-encoded,
# so the member need not choose it again; the form carries a signed token naming it.
PENDING_DIR = "pending"
PENDING_SALT = "community.pending-image"
PENDING_MAX_AGE = 24 * 60 * 60


def keep_pending(content: ContentFile, *, user_id: int) -> str:
    """Stores a picture made by `post_image` and returns a signed token for `user_id` only."""
    name = f"{uuid.uuid4().hex}.webp"
    content.seek(0)
    default_storage.save(f"{PENDING_DIR}/{name}", ContentFile(content.read()))
    content.seek(0)
    return signing.dumps({"n": name, "u": user_id}, salt=PENDING_SALT)


def pending(token: str, *, user_id: int) -> ContentFile | None:
    """The kept picture named by `token` if it is this member's, under a day old and still
    there; None otherwise (a forged, foreign or expired token is simply ignored)."""
    path = _pending_path(token, user_id)
    if not path or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        return ContentFile(stored.read(), name=path.rsplit("/", 1)[1])


def discard_pending(token: str, *, user_id: int) -> None:
    """Deletes the kept picture named by `token` (if it is this member's)."""
    path = _pending_path(token, user_id)
    if path:
        default_storage.delete(path)


def _pending_path(token: str, user_id: int) -> str | None:
    try:
        data = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user_id:
        return None
    name = str(data.get("n", ""))
    # Only a name we made: never a path from the token, even a signed one.
    return f"{PENDING_DIR}/{name}" if _PENDING_NAME.fullmatch(name) else None


_PENDING_NAME = re.compile(r"[0-9a-f]{32}\.webp")
