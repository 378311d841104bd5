"""support's settings with their defaults, so `make run` needs none of them set.

SUPPORT_ATTACHMENTS_ROOT   folder for private ticket attachments (default var/support-attachments)
SUPPORT_TICKET_RATE        tickets a visitor (and an address) may open per hour (default 5)
SUPPORT_ATTACHMENT_MAX_BYTES  largest PDF (default 5 MB); pictures follow IMAGE_UPLOAD_MAX_BYTES
SUPPORT_MAX_ATTACHMENTS    attachments per message (default 3)
SUPPORT_LINK_MAX_AGE_DAYS  how long signed reply/survey links work (default 30)
"""

from pathlib import Path

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def attachments_root() -> str:
    return str(_get("SUPPORT_ATTACHMENTS_ROOT", Path(settings.VAR_DIR) / "support-attachments"))


def ticket_rate() -> int:
    return int(_get("SUPPORT_TICKET_RATE", 5))


def attachment_max_bytes() -> int:
    return int(_get("SUPPORT_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def max_attachments() -> int:
    return int(_get("SUPPORT_MAX_ATTACHMENTS", 3))


def link_max_age_seconds() -> int:
    return int(_get("SUPPORT_LINK_MAX_AGE_DAYS", 30)) * 24 * 3600
