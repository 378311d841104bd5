"""Scheduled community work. `SCHEDULE = [(name, every_seconds, func)]` is what the scheduler
loop (or cron, through the same functions) runs."""

import time
from pathlib import Path

from django.conf import settings

from . import images
from .models import PostImage
from .services.freshness import expire_verifications

ORPHAN_AGE_SECONDS = 60 * 60
POST_IMAGE_FOLDER = "posts"


def sweep_orphan_post_images(*, older_than: int = ORPHAN_AGE_SECONDS) -> int:
    """Delete files under MEDIA_ROOT/posts/ that no PostImage refers to and that are older
    than `older_than` seconds (younger ones may belong to a post being saved right now).
    Returns how many files were removed. One query for the referenced names."""
    root = Path(settings.MEDIA_ROOT)
    folder = root / POST_IMAGE_FOLDER
    if not folder.is_dir():
        return 0
    referenced = set(PostImage.objects.values_list("image", flat=True))
    cutoff = time.time() - older_than
    removed = 0
    for path in folder.rglob("*"):
        if not path.is_file() or path.stat().st_mtime > cutoff:
            continue
        if path.relative_to(root).as_posix() not in referenced:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def expire_old_verifications() -> int:
    """Verified answers past COMMUNITY_VERIFICATION_MAX_AGE_DAYS go to the re-verify queue."""
    return expire_verifications()


def sweep_pending_images(*, older_than: int = images.PENDING_MAX_AGE) -> int:
    """Delete pictures kept for forms that came back with an error (`images.keep_pending`)
    once their token has expired; returns how many. No query."""
    folder = Path(settings.MEDIA_ROOT) / images.PENDING_DIR
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than
    expired = [path for path in folder.iterdir()
               if path.is_file() and path.stat().st_mtime < cutoff]
    for path in expired:
        path.unlink(missing_ok=True)
    return len(expired)


SCHEDULE = [
    ("community: sweep orphan post images", 6 * 60 * 60, sweep_orphan_post_images),
    ("community: expire old verifications", 6 * 60 * 60, expire_old_verifications),
    ("community: sweep expired pending images", 6 * 60 * 60, sweep_pending_images),
]
