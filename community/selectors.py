"""Reads that community pages need."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import User


def public_profile(*, username: str) -> User:
    """The active member with this username, or Http404. One query."""
    return get_object_or_404(User.objects.filter(is_active=True), username=username)


def members() -> QuerySet[User]:
    """Active members, newest first, for the members directory."""
    return User.objects.filter(is_active=True).order_by("-date_joined", "-pk")
