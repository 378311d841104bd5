"""Members: the custom user model."""

from functools import lru_cache

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=8192)
def _profile_url(username: str, language: str, prefix: str, urlconf) -> str:
    return reverse("community:profile", kwargs={"username": username})


class User(AbstractUser):
    """A member of the site: shopper, moderator, editor or support agent.

    The username is the public handle (profile URL, mentions); e-mail is the login.
    """

    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("Shown next to your questions and answers. Leave empty to use your username."),
    )
    bio = models.TextField(_("about me"), max_length=500, blank=True)
    # Always a 256 px WebP written by community.images: never the file the user sent.
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    # Set by a moderator (community.services.suspend_member); the member can read but not post.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.CharField(_("reason for suspension"), max_length=300, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def initials(self) -> str:
        return self.public_name[:1].upper()

    def get_absolute_url(self) -> str:
        # A question page links its authors hundreds of times; reverse() once per name.
        return _profile_url(self.username, get_language(), get_script_prefix(), get_urlconf())

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()
