"""Product video files: checking uploads with PyAV, serving them seekably, making demo clips.

wagtailmedia keeps the library (`wagtailmedia.Media`); this module makes sure that what an
editor uploads as a video really decodes as one, and that its duration and size come from the
file rather than from what someone typed.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import av
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext_lazy as _

# Codecs Chromium, Firefox and Safari play in <video>; anything else would upload fine and then
# show a black box.
PLAYABLE_CODECS = {"h264", "vp8", "vp9", "av1"}
# FFmpeg opens almost anything as "video" (a PNG is a one-frame stream); only these containers
# are video files a browser streams.
VIDEO_CONTAINERS = {"mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"}
WEBVTT_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class VideoFacts:
    duration: float
    width: int
    height: int
    codec: str


def probe_video(upload) -> VideoFacts:
    """What a video file holds, read by decoding its first frame.

    Accepts a path or a Django file. Raises ValidationError with a readable message when the
    file is too large, is not a video, or uses a codec browsers cannot play.
    """
    size = os.path.getsize(upload) if isinstance(upload, str | Path) else upload.size
    if size > settings.VIDEO_UPLOAD_MAX_BYTES:
        raise ValidationError(_("This video is too large."), code="too_large")
    source = upload if isinstance(upload, str | Path) else upload.open("rb")
    try:
        with av.open(source, "r") as container:
            if container.format.name not in VIDEO_CONTAINERS or not container.streams.video:
                raise ValidationError(
                    _("This file is not a video we can read."), code="not_video"
                )
            stream = container.streams.video[0]
            next(container.decode(stream))  # proves the frames decode, not just the header
            duration = container.duration / av.time_base if container.duration else 0.0
            return VideoFacts(
                round(duration, 2), stream.codec_context.width, stream.codec_context.height,
                stream.codec_context.name,
            )
    except (av.FFmpegError, StopIteration, ValueError) as error:
        raise ValidationError(
            _("This file is not a video we can read."), code="not_video"
        ) from error
    finally:
        if not isinstance(upload, str | Path):
            upload.seek(0)


def check_playable(facts: VideoFacts) -> None:
    if facts.codec not in PLAYABLE_CODECS:
        raise ValidationError(
            _("Browsers cannot play %(codec)s video; upload H.264 (MP4) or VP9 (WebM)."),
            params={"codec": facts.codec},
            code="codec",
        )


def validate_webvtt(upload) -> None:
    """Captions must be a small UTF-8 WebVTT file with at least one timed cue."""
    if upload.size > WEBVTT_MAX_BYTES:
        raise ValidationError(_("This captions file is too large."), code="too_large")
    upload.seek(0)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Captions must be UTF-8 text."), code="encoding") from error
    finally:
        upload.seek(0)
    if not text.startswith("WEBVTT") or not _CUE_TIMING.search(text):
        raise ValidationError(
            _("This is not a WebVTT captions file (it must start with WEBVTT and have cues)."),
            code="not_webvtt",
        )


_CUE_TIMING = re.compile(r"(\d+:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(\d+:)?\d{2}:\d{2}\.\d{3}")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def ranged_file_response(request, file, content_type: str) -> HttpResponse:
    """The file, honouring a single HTTP byte range: browsers only let a <video> seek (a chapter
    link) when the server answers ranges, which Django's static `serve` does not."""
    size = file.size
    match = _RANGE.match(request.headers.get("Range", ""))
    if not match or not any(match.groups()):
        response = FileResponse(file.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    start = int(first) if first else max(size - int(last), 0)
    end = min(int(last), size - 1) if first and last else size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    with file.open("rb") as handle:
        handle.seek(start)
        body = handle.read(end - start + 1)
    response = HttpResponse(body, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


# Demo clips -----------------------------------------------------------------------------------

CLIP_SIZE = (640, 360)
CLIP_FPS = 15


def render_demo_clip(
    *, title: str, chapters: list[tuple[int, str]], seconds: int, colour: tuple[int, int, int]
) -> tuple[Path, Path]:
    """An H.264 MP4 (`faststart`, so it plays while downloading) with a title card per chapter
    and a progress bar, drawn with Pillow and encoded with PyAV; plus a poster PNG.

    Returns temporary file paths; the caller stores them and deletes the folder.
    """
    folder = Path(tempfile.mkdtemp(prefix="kb-clip-"))
    video_path, poster_path = folder / "clip.mp4", folder / "poster.png"
    with av.open(str(video_path), "w", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=CLIP_FPS)
        stream.width, stream.height = CLIP_SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "30"}
        for index in range(seconds * CLIP_FPS):
            frame = _draw_frame(title, chapters, index / CLIP_FPS, seconds, colour)
            if index == CLIP_FPS:
                frame.save(poster_path)
            for packet in stream.encode(av.VideoFrame.from_image(frame)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return video_path, poster_path


def _draw_frame(title, chapters, at: float, seconds: int, colour):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", CLIP_SIZE, colour)
    draw = ImageDraw.Draw(image)
    current = [name for start, name in chapters if start <= at][-1:] or [title]
    draw.text((32, 28), title, font=ImageFont.load_default(size=26), fill="white")
    draw.text((32, 150), current[0], font=ImageFont.load_default(size=36), fill="white")
    draw.text((32, 300), f"{int(at) // 60}:{int(at) % 60:02d}", font=ImageFont.load_default(
        size=20), fill=(230, 230, 230))
    width = int((CLIP_SIZE[0] - 64) * at / seconds)
    draw.rectangle((32, 336, 32 + width, 344), fill=(255, 200, 40))
    return image


def store_video(*, title: str, path: Path, filename: str):
    """Adds a video file to wagtailmedia's library with its duration and size read from it."""
    from django.core.files import File
    from wagtailmedia.models import get_media_model

    facts = probe_video(path)
    check_playable(facts)
    media = get_media_model()(
        title=title, type="video", duration=facts.duration, width=facts.width,
        height=facts.height,
    )
    with open(path, "rb") as handle:
        media.file.save(filename, File(handle), save=False)
    media.full_clean()
    media.save()
    return media
