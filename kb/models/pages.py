"""The help-centre page tree: home → categories (nestable) → articles, FAQ pages and (KB-B's)
video pages; the service promise page hangs off the home page."""

import json

from django.db import models
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ArticleBodyBlock, FaqPageBodyBlock, heading_anchor

WORDS_PER_MINUTE = 200
# Articles with at least this many headings get a table of contents.
TOC_MIN_HEADINGS = 3


class SitemapTranslationsMixin:
    """Wagtail's sitemap walks only the default site's tree (the Dutch one); each page adds
    its live translations so both languages are listed, with hreflang alternates."""

    def get_sitemap_urls(self, request=None):
        versions = self.get_translations(inclusive=True).live().public().select_related("locale")
        alternates = [
            {"location": v.get_full_url(request), "lang_code": v.locale.language_code}
            for v in versions
        ]
        return [
            {
                "location": alternate["location"],
                "lastmod": self.last_published_at or self.latest_revision_created_at,
                "alternates": alternates if len(alternates) > 1 else [],
            }
            for alternate in alternates
        ]


def free_slug(parent: Page, slug: str, *, max_length: int = 255) -> str:
    """`slug`, or `slug-2`, `slug-3`… : the first one no child of `parent` uses (one query)."""
    taken = set(
        parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True)
    )
    candidate, n = slug, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = slug[: max_length - len(suffix)] + suffix, n + 1
    return candidate


# The log action kb writes beside Wagtail's "wagtail.create" when the editor's background save
# (autosave) created the page, so that an abandoned one can be told from a page saved on purpose.
AUTOSAVE_CREATED = "kb.autosave_created"


class HelpCentrePageForm(WagtailAdminPageForm):
    """A new page whose slug a sibling already uses gets the next free one ("retour-2").

    Wagtail's autosave creates the page as soon as the editor types a title; an editor who
    leaves that tab and starts the page again would otherwise meet "slug already in use" only
    as an HTTP 400 to the background save, which then fails on every keystroke. Existing pages
    keep Wagtail's check, so renaming onto a sibling's slug is still refused."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        unbound = not args and kwargs.get("data") is None
        tagged = getattr(instance, "tagged_items", None) if instance and instance.pk else None
        if unbound and tagged is not None and isinstance(tagged.all(), models.QuerySet):
            # The tag field reads each tag of the page on its own (modelcluster's
            # value_from_object): load them all in two queries first. Only to show the
            # form: a bound one saves the submitted tags, which a cache must not hide.
            models.prefetch_related_objects([instance], "tagged_items__tag")
        super().__init__(*args, **kwargs)
        if "products" in self.fields:
            # A page is about products of its own language; listing every language's copy
            # of every product made the editor long and slow.
            locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
            field = self.fields["products"]
            field.queryset = field.queryset.filter(locale_id=locale_id).order_by("name")
            # The checkboxes are rendered twice (the panel and its client-side copy): one
            # query for both. Validation still checks the submitted ids against the queryset.
            field.widget.choices = list(iter(field.choices))  # iter(): no COUNT query first

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and self.instance._state.adding and self.parent_page is not None:
            slug = free_slug(self.parent_page, slug)
        return slug

    def get_field_updates_for_resave(self):
        # Background saves keep the open form in step with the slug that was stored.
        updates = list(super().get_field_updates_for_resave())
        if self.data.get("slug") != self.cleaned_data.get("slug"):
            updates.append(("slug", self.cleaned_data["slug"]))
        return updates


class HelpCentrePage(SitemapTranslationsMixin, Page):
    """Shared by every help-centre page type; not a page type of its own."""

    base_form_class = HelpCentrePageForm

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or strip_tags(getattr(self, "intro", "") or "")[:300]


class HomePage(HelpCentrePage):
    """The site's front page and root of the help centre, one per language."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two under the search box."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["kb.CategoryPage", "kb.FaqPage", "kb.ServicePromisePage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(self))
        return context


class CategoryPage(HelpCentrePage):
    """A topic such as "Betalen"; categories nest ("Betalen" → "Achteraf betalen")."""

    ICONS = [
        ("cart", _("Shopping cart")),
        ("card", _("Payment card")),
        ("truck", _("Delivery truck")),
        ("return", _("Return arrow")),
        ("user", _("Person")),
        ("tools", _("Tools")),
        ("question", _("Question mark")),
    ]

    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    icon = models.CharField(_("icon"), max_length=20, choices=ICONS, default="question")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("icon"),
        FieldPanel("image"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["kb.HomePage", "kb.CategoryPage"]
    subpage_types = ["kb.CategoryPage", "kb.ArticlePage", "kb.FaqPage", "kb.VideoPage"]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import category_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(category_page_context(self))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(HelpCentrePage):
    """A help article. `credit` and `source_url` record where a promoted community answer
    came from (see `kb.services.create_article_draft`)."""

    intro = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    products = ParentalManyToManyField(
        "kb.Product", blank=True, related_name="article_pages", verbose_name=_("products")
    )
    also_asked = models.TextField(
        _("also asked as"),
        blank=True,
        help_text=_("Other ways shoppers ask this question, one per line. Search finds the "
                    "article by these too."),
    )
    featured = models.BooleanField(
        _("popular"),
        default=False,
        help_text=_("Show this article under popular articles on the help-centre home."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    source_url = models.URLField(_("source"), blank=True)
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The article's id in the help desk it was imported from (import_articles)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("products"), FieldPanel("also_asked"),
             FieldPanel("featured")],
            heading=_("Findability"),
        ),
        MultiFieldPanel(
            [FieldPanel("credit"), FieldPanel("source_url"), FieldPanel("external_id")],
            heading=_("Source"),
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("featured"),
    ]
    parent_page_types = ["kb.CategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def headings(self) -> list[dict]:
        """[{text, anchor, level}] of the body's heading blocks, for the table of contents."""
        return [
            {
                "text": b.value["text"],
                "anchor": heading_anchor(b.value["text"]),
                "level": b.value["level"],
            }
            for b in self.body
            if b.block_type == "heading"
        ]

    @property
    def reading_minutes(self) -> int:
        text = " ".join(
            strip_tags(chunk)
            for child in self.body
            for chunk in child.block.get_searchable_content(child.value)
        )
        words = len(text.split())
        return max(1, round(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_page_context(self))
        context.update(headings=self.headings, toc_min_headings=TOC_MIN_HEADINGS)
        return context


class FaqPage(HelpCentrePage):
    """Frequently asked questions with anchors; emits schema.org FAQPage JSON-LD."""

    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    body = StreamField(FaqPageBodyBlock(), verbose_name=_("questions"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["kb.HomePage", "kb.CategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    @property
    def questions(self) -> list[dict]:
        """[{question, answer (RichText), anchor}] in page order."""
        return [
            {**b.value, "anchor": heading_anchor(b.value["question"])}
            for b in self.body
            if b.block_type == "question"
        ]

    def get_context(self, request, *args, **kwargs):
        from ..selectors import breadcrumbs

        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self)
        context["structured_data"] = json_for_script(self.structured_data())
        return context

    def structured_data(self) -> dict:
        """The page as a schema.org FAQPage, for a JSON-LD script."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": q["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": str(q["answer"])},
                }
                for q in self.questions
            ],
        }


def json_for_script(data) -> str:
    """`data` as JSON that is safe inside a <script> element (as Django's json_script)."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - the three characters that could end the script are escaped


class ServicePromisePage(HelpCentrePage):
    """The shop's brand statement, value proposition and service ambition; one per language,
    linked from the footer through `kb:service_promise`."""

    brand_statement = models.TextField(_("brand statement"), max_length=400)
    value_proposition = RichTextField(
        _("value proposition"), features=["bold", "italic", "link", "ul", "h3"]
    )
    service_ambition = RichTextField(
        _("service ambition"), features=["bold", "italic", "link", "ul", "h3"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("brand_statement"),
        FieldPanel("value_proposition"),
        FieldPanel("service_ambition"),
    ]
    parent_page_types = ["kb.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service promise page")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.brand_statement

    def get_context(self, request, *args, **kwargs):
        from ..selectors import promise_figures

        context = super().get_context(request, *args, **kwargs)
        context["live_figures"] = promise_figures(self)
        return context
