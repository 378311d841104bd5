"""System checks: ticket attachments must never be reachable as public media or static files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

from .conf import attachments_root


@register()
def attachments_are_private(app_configs=None, **kwargs):
    private = Path(attachments_root()).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and private.is_relative_to(Path(public).resolve()):
            errors.append(Error(
                f"SUPPORT_ATTACHMENTS_ROOT ({private}) is inside {name}, so ticket attachments "
                "could be downloaded by anyone who guesses their address.",
                hint="Point SUPPORT_ATTACHMENTS_ROOT at a folder outside MEDIA_ROOT and "
                     "STATIC_ROOT.", id="support.E001"))
    return errors
