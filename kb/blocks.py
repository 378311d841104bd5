"""StreamField blocks for help-centre articles and FAQ pages; one template each in
templates/kb/blocks/."""

from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]
TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "code"]


class RenditionPrefetchingImageChooserBlock(ImageChooserBlock):
    """An image chooser that loads all of a stream's images and their renditions in two
    queries, so an article costs the same number of queries however many images it shows."""

    def bulk_to_python(self, values):
        images = _images_with_renditions().in_bulk(values)
        return [images.get(pk) for pk in values]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "kb/blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


def heading_anchor(text: str) -> str:
    """The fragment id of a heading: the table of contents links to it."""
    return slugify(text) or "section"


class CaptionedImageBlock(blocks.StructBlock):
    image = RenditionPrefetchingImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("What the image shows, for screen readers. Empty uses the image's title."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "kb/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "kb/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"))
    text = blocks.RichTextBlock(label=_("explanation"), required=False, features=INLINE_FEATURES)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "kb/blocks/steps.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "kb/blocks/faq_item.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["question"])
        return context


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "kb/blocks/faq.html"


class LinkPageChooserBlock(blocks.PageChooserBlock):
    """Loads a stream's linked pages in one query, and in the page editor their parents in one
    more. Wagtail's chooser made each page specific and looked up its parent (the chooser's
    starting point) one by one: two queries per link."""

    def bulk_to_python(self, values):
        from wagtail.models import Page

        batch = list(Page.objects.filter(pk__in=[v for v in values if v]).specific(defer=True))
        for page in batch:
            page._link_batch = batch
        pages = {page.pk: page for page in batch}
        return [pages.get(pk) for pk in values]

    def get_form_state(self, value):
        _load_parents(getattr(value, "_link_batch", ()))
        return super().get_form_state(value)


def _load_parents(pages) -> None:
    """Caches each page's parent where treebeard's get_parent() looks first; one query."""
    from wagtail.models import Page

    missing = [page for page in pages if not hasattr(page, "_cached_parent_obj")]
    if not missing:
        return
    paths = {page.path[: -Page.steplen] for page in missing}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths)}
    for page in missing:
        page._cached_parent_obj = parents.get(page.path[: -Page.steplen])


class LinkBlock(blocks.StructBlock):
    page = LinkPageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or web address"), required=False)
    text = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Empty uses the page's title.")
    )

    def clean(self, value):
        value = super().clean(value)
        if not value["page"] and not value["url"]:
            raise blocks.StructBlockValidationError(
                {"page": blocks.ValidationError(_("Choose a page or enter a web address."))}
            )
        return value


class RelatedLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("links"), min_num=1)

    class Meta:
        icon = "link"
        label = _("Related links")
        template = "kb/blocks/related_links.html"


class VideoPageChooserBlock(blocks.PageChooserBlock):
    """Loads a stream's video pages with their media files and poster renditions at once."""

    def bulk_to_python(self, values):
        pages = (
            self.target_model.objects.select_related("video")
            .prefetch_related(Prefetch("poster", queryset=_images_with_renditions()))
            .in_bulk(values)
        )
        return [pages.get(pk) for pk in values]


def _images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


class ProductVideoBlock(blocks.StructBlock):
    video = VideoPageChooserBlock(label=_("video page"), page_type="kb.VideoPage")
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Product video")
        template = "kb/blocks/video.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=TEXT_FEATURES, template="kb/blocks/rich_text.html"
    )
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    table = TableBlock(label=_("Table"), template="kb/blocks/table.html")
    video = ProductVideoBlock()
    faq = FaqBlock()
    related_links = RelatedLinksBlock()


class FaqPageBodyBlock(blocks.StreamBlock):
    question = FaqItemBlock()
    heading = HeadingBlock()
