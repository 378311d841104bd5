"""Reads for help-centre pages. Each page context costs a fixed number of queries, however
many blocks, images, tags, products and related articles a page has."""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from .models import ArticlePage, CategoryPage, FaqPage, HomePage, Product, ServicePromisePage
from .models.pages import AUTOSAVE_CREATED

POPULAR_LIMIT = 6
RECENT_LIMIT = 6
RELATED_LIMIT = 5


def _images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


def categories(locale_code: str) -> QuerySet[CategoryPage]:
    """Live help-centre categories in that language, in tree order (parents before their
    children; `depth` tells nesting). For choosers: `ArticlePage` drafts go under one."""
    return (
        CategoryPage.objects.live()
        .filter(locale__language_code=locale_code)
        .order_by("path")
        .select_related("locale")
    )


def articles(locale_code: str | None = None) -> QuerySet[ArticlePage]:
    """Live, public articles (optionally of one language), newest change first."""
    queryset = ArticlePage.objects.live().public().order_by("-last_published_at")
    if locale_code:
        queryset = queryset.filter(locale__language_code=locale_code)
    return queryset


def home_page_context(home: HomePage) -> dict:
    """Top-level categories with their images, popular and recently updated articles."""
    live_articles = ArticlePage.objects.live().public().descendant_of(home).defer_streamfields()
    return {
        "categories": list(
            CategoryPage.objects.live()
            .child_of(home)
            .prefetch_related(Prefetch("image", queryset=_images_with_renditions()))
        ),
        "popular_articles": list(
            live_articles.filter(featured=True).order_by("path")[:POPULAR_LIMIT]
        ),
        "recent_articles": list(live_articles.order_by("-last_published_at")[:RECENT_LIMIT]),
        "faq_pages": list(FaqPage.objects.live().public().child_of(home)),
    }


def category_page_context(category: CategoryPage) -> dict:
    """Subcategories, then the category's own articles, FAQ and video pages in menu order."""
    children = category.get_children().live().public().specific().defer_streamfields()
    subcategories = [page for page in children if isinstance(page, CategoryPage)]
    return {
        "subcategories": subcategories,
        "child_pages": [page for page in children if not isinstance(page, CategoryPage)],
        "breadcrumbs": breadcrumbs(category),
    }


def breadcrumbs(page: Page) -> list[Page]:
    """The page's ancestors below the tree root, home first (one query)."""
    return list(page.get_ancestors().filter(depth__gt=1))


def article_page_context(article: ArticlePage) -> dict:
    """Breadcrumbs, tags, linked products with images, and related articles.

    Related articles share a tag or a product with this one, are live and in its language;
    most shared first. Costs four queries plus the stream's own (one per chooser block type).
    """
    tags = list(article.tags.all())
    products = list(
        article.products.select_related("locale").prefetch_related(
            Prefetch("image", queryset=_images_with_renditions())
        )
    )
    return {
        "breadcrumbs": breadcrumbs(article),
        "tags": tags,
        "products": products,
        "related_articles": related_articles(
            article, [tag.pk for tag in tags], [p.pk for p in products]
        ),
    }


def related_articles(article: ArticlePage, tag_ids: list[int], product_ids: list[int]) -> list:
    if not tag_ids and not product_ids:
        return []
    shared = Q(tagged_items__tag_id__in=tag_ids) | Q(products__in=product_ids)
    return list(
        ArticlePage.objects.live()
        .public()
        .filter(locale_id=article.locale_id)
        .exclude(pk=article.pk)
        .filter(shared)
        .defer_streamfields()
        .annotate(shared=Count("pk"))
        .order_by("-shared", "title")[:RELATED_LIMIT]
    )


def product(slug: str, locale_code: str) -> Product | None:
    return (
        Product.objects.filter(slug=slug, locale__language_code=locale_code)
        .select_related("locale")
        .prefetch_related(Prefetch("image", queryset=_images_with_renditions()))
        .first()
    )


def pages_about(product: Product) -> dict[str, list[Page]]:
    """Live pages of the product's language that link to it, by the page type's
    `product_section_title` (else its plural name): every kb page model with a `products`
    relation to Product counts (one query per model)."""
    sections = {}
    for model in _product_page_models():
        pages = list(
            model.objects.live()
            .public()
            .filter(products=product)
            .defer_streamfields()
            .order_by("title")
        )
        if pages:
            title = getattr(model, "product_section_title", None)
            sections[str(title or model._meta.verbose_name_plural)] = pages
    return sections


def _product_page_models() -> list[type[Page]]:
    found = []
    for model in apps.get_app_config("kb").get_models():
        if not issubclass(model, Page):
            continue
        field = next((f for f in model._meta.many_to_many if f.name == "products"), None)
        if field is not None and field.related_model is Product:
            found.append(model)
    return found


def service_promise_page(locale_code: str):
    """The live service promise page of that language, or None."""
    return ServicePromisePage.objects.live().filter(locale__language_code=locale_code).first()


@dataclass(frozen=True)
class ProductSection:
    """What another app shows on a product page: a heading, items (each with `title`,
    `get_absolute_url` and optionally a short `badge` such as "answered"), and links
    (label, url) such as "ask a question about this product", shown even with no items."""

    heading: str
    items: list = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


# Higher apps add what they hold about a product (community: questions) without kb
# importing them: provider(product) -> ProductSection, or (heading, items).
_product_section_providers: list = []


def register_product_section(provider) -> None:
    """Call from an AppConfig.ready(); the product page shows the provider's section when it
    has items or links."""
    if provider not in _product_section_providers:
        _product_section_providers.append(provider)


def other_product_sections(product: Product) -> list[ProductSection]:
    sections = [provider(product) for provider in _product_section_providers]
    sections = [s if isinstance(s, ProductSection) else ProductSection(*s) for s in sections]
    return [section for section in sections if section.items or section.links]


# Higher apps add live figures to the service promise page (insights: how fast the community
# answers; support may add its first staff reply) without kb importing them:
# provider(page) -> [{"label", "value", "definition"}], already in the active language.
_promise_figure_providers: list = []


def register_promise_figures(provider) -> None:
    """Call from an AppConfig.ready(); the service promise page shows the figures it returns."""
    if provider not in _promise_figure_providers:
        _promise_figure_providers.append(provider)


def promise_figures(page) -> list[dict]:
    return [figure for provider in _promise_figure_providers for figure in provider(page)]


# Fields every page has that say nothing about what an editor wrote.
_BOOKKEEPING = {"title", "draft_title", "slug", "url_path", "path", "depth", "numchild",
                "translation_key", "locale", "content_type", "owner", "page_ptr", "id"}
# Page's own fields that an editor writes (the rest of Page is Wagtail's bookkeeping).
_PAGE_TEXT = {"seo_title", "search_description"}


def abandoned_autosave_drafts(*, untouched_since: datetime) -> list[Page]:
    """Pages that autosave created and nobody finished: never published, no workflow, no
    comments, no children, not locked, no revision since `untouched_since`, and nothing in
    their latest revision beyond the title (and the slug made from it). Specific pages, as
    their latest revision has them. Two queries, plus one per candidate."""
    autosaved = PageLogEntry.objects.filter(action=AUTOSAVE_CREATED).values("page_id")
    candidates = (
        Page.objects.filter(pk__in=autosaved, live=False, first_published_at=None,
                            last_published_at=None, live_revision=None, numchild=0,
                            locked=False, alias_of=None,
                            latest_revision_created_at__lt=untouched_since)
        .filter(_workflow_states__isnull=True, wagtail_admin_comments__isnull=True)
        .specific()
    )
    drafts = [page.get_latest_revision_as_object() for page in candidates]
    return [draft for draft in drafts if not _has_content(draft)]


def _has_content(page: Page) -> bool:
    """Whether anything on `page` differs from what a new page of its type starts with, the
    title and slug aside. Unknown values count as content: keeping a page is the safe error."""
    for model_field in page._meta.concrete_fields:
        written = model_field.model is not Page or model_field.name in _PAGE_TEXT
        if model_field.name in _BOOKKEEPING or not written:
            continue
        value = getattr(page, model_field.attname)
        if isinstance(value, StreamValue):
            if len(value):
                return True
        elif value not in (None, "") and value != model_field.get_default():
            return True
    children = [rel.get_accessor_name() for rel in get_all_child_relations(page)]
    children += [m2m.name for m2m in get_all_child_m2m_relations(page)]
    return any(list(getattr(page, name).all()) for name in children)
