"""Posting limits for new accounts (Discourse-like), relaxing as reputation grows.

`community` counts the member's recent posts and the links and images in the new one, and
calls `check_posting_limits` before saving.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from . import privileges, selectors


@dataclass(frozen=True)
class PostingLimits:
    minimum: int  # reputation from which these limits apply
    posts_per_day: int | None
    seconds_between_posts: int | None
    links_per_post: int | None
    images_per_post: int | None


# Ordered from strictest; the last one whose minimum the member reaches applies.
LIMITS = [
    PostingLimits(1, 10, 60, 2, 1),
    PostingLimits(15, 30, 20, 5, 5),
    PostingLimits(50, 100, 5, 10, 10),
    PostingLimits(125, None, None, None, None),
]


def limits_for(total: int) -> PostingLimits:
    current = LIMITS[0]
    for limits in LIMITS:
        if total >= limits.minimum:
            current = limits
    return current


def check_posting_limits(
    *,
    user,
    posts_last_24h: int,
    seconds_since_last_post: float | None,
    links: int,
    images: int,
) -> None:
    """Raise ValidationError with a friendly message if a new post by `user` would exceed
    their level's limits. Moderators and staff have none."""
    if privileges.is_moderator(user):
        return
    limits = limits_for(selectors.reputation_of(user))
    if limits.posts_per_day is not None and posts_last_24h >= limits.posts_per_day:
        raise ValidationError(
            ngettext(
                "New members can post %(count)d time a day. Please try again tomorrow.",
                "New members can post %(count)d times a day. Please try again tomorrow.",
                limits.posts_per_day,
            )
            % {"count": limits.posts_per_day}
        )
    wait = limits.seconds_between_posts
    if wait is not None and seconds_since_last_post is not None and seconds_since_last_post < wait:
        left = max(1, int(wait - seconds_since_last_post + 0.999))
        raise ValidationError(
            ngettext(
                "You're posting quickly. Please wait %(count)d second.",
                "You're posting quickly. Please wait %(count)d seconds.",
                left,
            )
            % {"count": left}
        )
    if limits.links_per_post is not None and links > limits.links_per_post:
        raise ValidationError(
            ngettext(
                "New members can add at most %(count)d link to a post.",
                "New members can add at most %(count)d links to a post.",
                limits.links_per_post,
            )
            % {"count": limits.links_per_post}
        )
    if limits.images_per_post is not None and images > limits.images_per_post:
        raise ValidationError(
            ngettext(
                "New members can add at most %(count)d image to a post.",
                "New members can add at most %(count)d images to a post.",
                limits.images_per_post,
            )
            % {"count": limits.images_per_post}
        )
