"""Uploads are decoded within bounds and never kept as sent: only the first frame of an
animation, polyglots re-encoded, decompression bombs refused for their size, and a refused
post writes no file (orphans from failed commits are swept)."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from community import images, tasks
from community.models import PostImage, Question
from tests.factories import PASSWORD, UserFactory

from .factories import BODY, ask

pytestmark = pytest.mark.django_db
RED, BLUE = (220, 20, 20), (20, 20, 220)


def animated_gif(frames: int, size=(32, 32)) -> bytes:
    first = Image.new("RGB", size, RED)
    rest = [Image.new("RGB", size, BLUE if n % 2 else (20, 200, 20)) for n in range(frames - 1)]
    out = io.BytesIO()
    first.save(out, format="GIF", save_all=True, append_images=rest, duration=20, loop=0)
    return out.getvalue()


def upload(data: bytes, name="anim.gif", content_type="image/gif"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored(content) -> Image.Image:
    return Image.open(io.BytesIO(content.read()))


def test_a_5000_frame_gif_is_reduced_to_its_first_frame_without_decoding_the_rest():
    data = animated_gif(5000)
    # Cut the file in the middle: decoding any frame past the first would fail on it.
    truncated = data[: len(data) // 2]
    result = stored(images.post_image(upload(truncated)))
    assert result.format == "WEBP" and not getattr(result, "is_animated", False)
    assert result.convert("RGB").getpixel((5, 5)) == pytest.approx(RED, abs=12)


def test_a_polyglot_gif_javascript_file_is_re_encoded_never_kept():
    script = b"*/=1;alert(document.cookie);/*"
    gif = bytearray(animated_gif(1))
    polyglot = b"GIF89a/*" + bytes(gif[8:]) + script
    content = images.post_image(upload(polyglot, name="x.gif.js"))
    data = content.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert b"alert" not in data and content.name.endswith(".webp")


def test_a_decompression_bomb_is_refused_for_its_size(english):
    out = io.BytesIO()
    Image.new("1", (20_000, 10_000)).save(out, format="PNG", optimize=True)
    assert len(out.getvalue()) < 1_000_000  # tiny on disk, 200 megapixels when decoded
    with pytest.raises(ValidationError) as refused:
        images.post_image(upload(out.getvalue(), name="bom.png", content_type="image/png"))
    assert refused.value.code == "too_many_pixels"
    assert "megapixels" in refused.value.messages[0]
    assert "not a picture" not in refused.value.messages[0]


def media_files(settings) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_refused_question_writes_no_picture_to_disk(client, settings):
    user = UserFactory()
    assert client.login(username=user.username, password=PASSWORD)
    out = io.BytesIO()
    Image.new("RGB", (64, 64), RED).save(out, format="PNG")
    with translation.override("nl"):
        response = client.post("/nl/vragen/stellen/", {
            "title": "Deuk in mijn waterkoker bij levering", "body": BODY,
            "tags": "a, b, c, d, e, f", "image": upload(out.getvalue(), "f.png", "image/png"),
        })
    assert response.status_code == 200 and not Question.objects.exists()
    assert [p for p in media_files(settings) if "posts" in p.parts] == []


def test_the_sweep_removes_old_orphans_and_keeps_pictures_in_use(settings):
    out = io.BytesIO()
    Image.new("RGB", (64, 64), RED).save(out, format="PNG")
    question = ask(images=[images.post_image(upload(out.getvalue(), "f.png", "image/png"))])
    kept = Path(PostImage.objects.get(question=question).image.path)
    folder = Path(settings.MEDIA_ROOT) / "posts" / "2026" / "01"
    folder.mkdir(parents=True)
    old, young = folder / "old.webp", folder / "young.webp"
    for path in (old, young):
        path.write_bytes(b"RIFF")
    an_hour_ago = time.time() - 2 * 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(kept, (an_hour_ago, an_hour_ago))
    assert tasks.sweep_orphan_post_images() == 1
    assert kept.exists() and young.exists() and not old.exists()
    assert any(func is tasks.sweep_orphan_post_images for _name, _every, func in tasks.SCHEDULE)
