"""Scheduled work of the help centre, run by `manage.py run_scheduler`."""

from django.core.management import call_command

from .services import delete_abandoned_autosave_drafts


def publish_scheduled():
    """Wagtail's scheduled go-live and expiry of pages (idempotent)."""
    call_command("publish_scheduled", verbosity=0)


def delete_abandoned_autosaves():
    """Pages autosave created with only a title and nobody touched for a week (daily)."""
    delete_abandoned_autosave_drafts()


SCHEDULE = [
    ("publish_scheduled", 60, publish_scheduled),
    ("delete_abandoned_autosaves", 24 * 60 * 60, delete_abandoned_autosaves),
]
