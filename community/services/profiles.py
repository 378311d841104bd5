"""Every write a member can cause in the community. See ARCHITECTURE.md."""

from django.core.files.base import ContentFile
from django.db import transaction

from ..models import User


@transaction.atomic
def update_profile(
    *,
    user: User,
    display_name: str,
    bio: str,
    avatar: ContentFile | None = None,
    remove_avatar: bool = False,
) -> User:
    """Save the public profile of `user`.

    `avatar` must already be the normalised file from `community.images.square_avatar`; the old
    avatar file is deleted once the new row is committed, so a failed save never leaves a
    profile pointing at a missing file.
    """
    old_avatar = user.avatar.name if user.avatar else ""
    user.display_name = display_name.strip()
    user.bio = bio.strip()
    if avatar is not None:
        user.avatar.save(avatar.name, avatar, save=False)
    elif remove_avatar:
        user.avatar = ""
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["display_name", "bio", "avatar"])
    if old_avatar and old_avatar != user.avatar.name:
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return user
