"""Who counts as a community moderator: gamification decides (it grants them every
privilege too), so the two apps can never disagree."""

from gamification.privileges import MODERATORS_GROUP, is_moderator

__all__ = ["MODERATORS_GROUP", "is_moderator"]
