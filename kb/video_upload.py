"""wagtailmedia's upload form for our library (`WAGTAILMEDIA["MEDIA_FORM_BASE"]`).

Kept apart from kb.media because wagtailmedia's forms module queries permissions on import,
which must not happen while Django loads models.
"""

from django.core.exceptions import ValidationError
from wagtailmedia.forms import BaseMediaForm

from .media import check_playable, probe_video


class VideoFormBase(BaseMediaForm):
    """wagtailmedia's upload form (`WAGTAILMEDIA["MEDIA_FORM_BASE"]`): a video must decode,
    and its duration, width and height are taken from the file."""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if self.instance.type != "video" or not upload or "file" not in self.changed_data:
            return cleaned
        try:
            facts = probe_video(upload)
            check_playable(facts)
        except ValidationError as error:
            self.add_error("file", error)
            return cleaned
        for field in ("duration", "width", "height"):
            cleaned[field] = getattr(facts, field)
            setattr(self.instance, field, getattr(facts, field))
        return cleaned
