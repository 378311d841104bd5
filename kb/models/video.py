"""Product video pages: a video from wagtailmedia's library with poster, captions, chapters
and a transcript."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from ..media import validate_webvtt
from .pages import HelpCentrePage, HelpCentrePageForm, json_for_script

# The poster rendition: the player's 16:9 box, as WebP.
POSTER = "fill-1280x720|format-webp"
_TIMESTAMP = re.compile(r"^\s*(?:(\d+):)?(\d{1,2})(?::(\d{2}))?\s*$")


def format_timestamp(seconds: int | float) -> str:
    """65 → "1:05", 3725 → "1:02:05"."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_timestamp(text: str) -> int:
    """ "1:05" → 65, "1:02:05" → 3725, "75" → 75; ValueError for anything else."""
    match = _TIMESTAMP.match(str(text))
    if not match:
        raise ValueError(text)
    parts = [int(p) for p in match.groups() if p is not None]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


class TimestampFormField(forms.CharField):
    """Lets editors type "1:05" for a chapter that starts 65 seconds in."""

    def prepare_value(self, value):
        return format_timestamp(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_timestamp(value)
        except ValueError as error:
            raise ValidationError(
                _("Enter minutes and seconds, like 1:05."), code="invalid"
            ) from error


class TimestampField(models.PositiveIntegerField):
    """Seconds from the start of a video, edited as m:ss."""

    def formfield(self, **kwargs):
        # Field.formfield, not IntegerField's: that one would add min_value to a CharField.
        return models.Field.formfield(self, **{"form_class": TimestampFormField, **kwargs})


class VideoChapter(Orderable):
    page = ParentalKey("kb.VideoPage", on_delete=models.CASCADE, related_name="chapters")
    start = TimestampField(_("starts at"), help_text=_("Minutes and seconds, like 1:05."))
    title = models.CharField(_("title"), max_length=120)

    panels = [FieldPanel("start"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return f"{format_timestamp(self.start)} {self.title}"

    @property
    def timestamp(self) -> str:
        return format_timestamp(self.start)


class VideoPageForm(HelpCentrePageForm):
    """Chapters must start inside the video, in order."""

    def clean(self):
        cleaned = super().clean()
        video = cleaned.get("video")
        chapters = self.formsets.get("chapters")
        if not video or not chapters or not hasattr(chapters, "cleaned_data"):
            return cleaned
        starts = [
            form.cleaned_data["start"]
            for form in chapters.forms
            if form.cleaned_data.get("start") is not None
            and not form.cleaned_data.get("DELETE")
        ]
        if video.duration and any(start >= video.duration for start in starts):
            self.add_error(
                "video",
                _("A chapter starts after the end of this video (%(length)s).")
                % {"length": format_timestamp(video.duration)},
            )
        return cleaned


class VideoPage(HelpCentrePage):
    """A product video played with the browser's own <video> element.

    The file lives in wagtailmedia's library (its duration and size read from the file on
    upload, see `kb.media.VideoFormBase`); chapters link into it and the transcript makes it
    readable and searchable.
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    video = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("video"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown before the video plays."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="captions/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Optional subtitles as a .vtt file, in the page's language."),
    )
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("Everything said and shown, as plain text.")
    )
    products = ParentalManyToManyField(
        "kb.Product", blank=True, related_name="video_pages", verbose_name=_("products")
    )

    base_form_class = VideoPageForm
    # The product page's heading over its videos: shoppers look for videos, not "video pages".
    product_section_title = _("Videos")
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [MediaChooserPanel("video", media_type="video"), FieldPanel("poster"),
             FieldPanel("captions")],
            heading=_("Video"),
        ),
        InlinePanel("chapters", heading=_("Chapters"), label=_("chapter")),
        FieldPanel("transcript"),
        FieldPanel("products"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("transcript"),
        index.RelatedFields("chapters", [index.SearchField("title")]),
    ]
    parent_page_types = ["kb.CategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("video page")
        verbose_name_plural = _("video pages")

    @property
    def duration(self) -> float:
        return self.video.duration if self.video else 0.0

    @property
    def duration_display(self) -> str:
        return format_timestamp(self.duration)

    def ordered_chapters(self) -> list[VideoChapter]:
        return sorted(self.chapters.all(), key=lambda chapter: chapter.start)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import breadcrumbs

        context = super().get_context(request, *args, **kwargs)
        # ?t=65 (a chapter link without JavaScript) starts the player there.
        start = request.GET.get("t", "")
        context["start_at"] = int(start) if start.isdigit() else None
        context["chapter_list"] = self.ordered_chapters()
        context["breadcrumbs"] = breadcrumbs(self)
        context["products"] = list(self.products.all())
        context["poster"] = self.poster.get_rendition(POSTER) if self.poster else None
        context["structured_data"] = json_for_script(
            self.structured_data(request, context["chapter_list"], context["poster"])
        )
        return context

    def structured_data(self, request, chapters: list[VideoChapter], poster=None) -> dict:
        """The page as a schema.org VideoObject; chapters become Clips ("key moments")."""
        if not self.video:
            return {}
        url = self.get_full_url(request)
        ends = [chapter.start for chapter in chapters[1:]] + [int(self.duration)]
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": self.title,
            "description": self.meta_description or self.title,
            "uploadDate": (self.first_published_at or self.latest_revision_created_at).isoformat()
            if (self.first_published_at or self.latest_revision_created_at) else None,
            "duration": f"PT{int(self.duration)}S",
            "contentUrl": request.build_absolute_uri(
                reverse("kb:video_file", args=[self.video.pk, self.video.filename])
            ),
            "hasPart": [
                {"@type": "Clip", "name": chapter.title, "startOffset": chapter.start,
                 "endOffset": end, "url": f"{url}?t={chapter.start}"}
                for chapter, end in zip(chapters, ends, strict=True)
            ],
        }
        if poster is not None:
            data["thumbnailUrl"] = request.build_absolute_uri(poster.url)
        if self.transcript:
            data["transcript"] = self.transcript
        return {key: value for key, value in data.items() if value is not None}
