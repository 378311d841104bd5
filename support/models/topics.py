from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

# The six topics every shop starts with; staff edit, add or hide topics as snippets.
DEFAULT_TOPICS = [
    ("bestellen", "Bestellen", "Ordering"),
    ("betalen", "Betalen", "Payment"),
    ("bezorging", "Bezorging", "Delivery"),
    ("retourneren", "Retourneren", "Returns"),
    ("account", "Account", "Account"),
    ("product", "Product", "Product"),
]


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True).order_by("sort_order", "slug")


class Topic(models.Model):
    """What a contact is about; one row with its name in both languages (nl and en)."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("shown on the contact form"), default=True)

    objects = TopicQuerySet.as_manager()
    panels = [FieldPanel("name_nl"), FieldPanel("name_en"), FieldPanel("slug"),
              FieldPanel("sort_order"), FieldPanel("active")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


def ensure_default_topics(**kwargs) -> None:
    """Create the default topics that are missing (post_migrate; also the demo)."""
    for order, (slug, nl, en) in enumerate(DEFAULT_TOPICS):
        Topic.objects.get_or_create(
            slug=slug, defaults={"name_nl": nl, "name_en": en, "sort_order": order * 10}
        )
