"""Real, playable product videos for tests: one short clip rendered per test session."""

import atexit
import io
import shutil
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Collection

from kb.media import render_demo_clip, store_video
from kb.models import VideoChapter, VideoPage

from .factories import publish

CHAPTERS = [(0, "Wat heb je nodig"), (4, "Ontkalker erin"), (8, "Naspoelen")]


@cache
def clip_files() -> tuple[Path, Path]:
    """(mp4, poster png), rendered once per test run; 12 seconds with three chapters."""
    video, poster = render_demo_clip(
        title="Je koffiemachine ontkalken", chapters=CHAPTERS, seconds=12, colour=(40, 90, 60)
    )
    atexit.register(shutil.rmtree, video.parent, ignore_errors=True)
    return video, poster


def video_page(parent, *, title="Je koffiemachine ontkalken", slug=None, transcript=None,
               captions=None, live=True, **fields) -> VideoPage:
    mp4, png = clip_files()
    # A flushed (transactional) test database has lost the root collection the migrations made.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    media = store_video(title=title, path=mp4, filename="ontkalken.mp4")
    poster = Image.objects.create(
        title=f"{title} (poster)", file=ImageFile(io.BytesIO(png.read_bytes()), name="poster.png")
    )
    page = VideoPage(
        title=title, slug=slug or "koffiemachine-ontkalken", video=media, poster=poster,
        transcript=transcript if transcript is not None else (
            "Vul het reservoir met water en ontkalker.\n\nSpoel daarna twee keer na."
        ),
        **fields,
    )
    if captions:
        page.captions.save("ontkalken.vtt", ContentFile(captions.encode()), save=False)
    for start, name in reversed(CHAPTERS):
        page.chapters.add(VideoChapter(start=start, title=name))
    page.live = live
    parent.add_child(instance=page)
    return publish(page) if live else page
