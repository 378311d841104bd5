"""Demo help centre for `manage.py seed_demo`: home pages, categories, articles (Dutch, the
most-read also in English), FAQ pages, products with generated images, the service promise
and the two-step review workflow. Every step finds what exists by slug and keeps it."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.utils.html import escape
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from . import demo_content as content
from . import demo_videos
from .models import (
    ArticlePage,
    CategoryPage,
    FaqPage,
    HomePage,
    Product,
    ServicePromisePage,
    VideoPage,
)
from .services import EDITORS_GROUP, REVIEWERS_GROUP, set_up_review_workflow

HOME_NL = {
    "title": "Klantenservice",
    "slug": "klantenservice",
    "intro": "<p>Vind snel antwoord op je vraag over bestellen, betalen, bezorging en retourneren, "
    "of vraag het aan andere shoppers.</p>",
}
HOME_EN = {
    "title": "Customer service",
    "slug": "customer-service",
    "intro": "<p>Quickly find answers about ordering, paying, delivery and returns, "
    "or ask other shoppers.</p>",
}


def seed_home_pages() -> HomePage:
    """The Dutch home page as the default site's root, with its English translation.

    Replaces Wagtail's placeholder welcome page on first run; later runs change nothing.
    """
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePage.objects.filter(locale=dutch).first() or _create_dutch_home(dutch)
    if not home.has_translation(english):
        translation = home.copy_for_translation(english)
        for field, value in HOME_EN.items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    return home


def _create_dutch_home(locale: Locale) -> HomePage:
    # Wagtail's migrations create the tree root; a flushed test database has none.
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    home = root.add_child(instance=HomePage(locale=locale, **HOME_NL))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Vraagbaak"
        )
    else:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "Vraagbaak"
        site.save()
        if type(placeholder.specific) is Page:
            placeholder.delete()
    return home


def _locales() -> tuple[Locale, Locale]:
    return (
        Locale.objects.get_or_create(language_code="nl")[0],
        Locale.objects.get_or_create(language_code="en")[0],
    )


def _homes() -> tuple[HomePage, HomePage]:
    dutch, english = _locales()
    return HomePage.objects.get(locale=dutch), HomePage.objects.get(locale=english)


def _child(parent: Page, slug: str):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page: Page, locale: Locale, **fields) -> Page:
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for field, value in fields.items():
        setattr(translation, field, value)
    translation.save_revision().publish()
    return translation


def seed_categories() -> dict[str, CategoryPage]:
    """The six top-level categories and one nested one, in Dutch and English."""
    home, home_en = _homes()
    english = home_en.locale
    pages = {}
    for slug, title, icon, intro, en_slug, en_title, en_intro in content.CATEGORIES:
        page = _child(home, slug) or _add(
            home, CategoryPage(title=title, slug=slug, icon=icon, intro=intro)
        )
        _translate(page, english, title=en_title, slug=en_slug, intro=en_intro)
        pages[slug] = page
    for parent_slug, slug, title, icon, intro, en_slug, en_title, en_intro in (
        content.SUBCATEGORIES
    ):
        parent = pages[parent_slug]
        page = _child(parent, slug) or _add(
            parent, CategoryPage(title=title, slug=slug, icon=icon, intro=intro)
        )
        _translate(page, english, title=en_title, slug=en_slug, intro=en_intro)
        pages[slug] = page
    return pages


def seed_products() -> dict[str, Product]:
    """Five products with an image drawn at seed time, each also in English."""
    dutch, english = _locales()
    products = {}
    for slug, name, sku, category, colour, en_name in content.PRODUCTS:
        product = Product.objects.filter(locale=dutch, slug=slug).first()
        if product is None:
            product = Product.objects.create(
                locale=dutch,
                slug=slug,
                name=name,
                sku=sku,
                category=category,
                image=_product_image(name, colour),
                shop_url=f"https://winkel.example.nl/p/{sku.lower()}",
            )
        if not product.has_translation(english):
            translation = product.copy_for_translation(english)
            translation.name = en_name
            translation.shop_url = f"https://winkel.example.nl/en/p/{sku.lower()}"
            translation.save()
        products[slug] = product
    return products


def _product_image(name: str, colour: str):
    """A product illustration in Wagtail's image library (a rounded shape and the name)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=name).first()
    if existing is not None:
        return existing
    picture = PillowImage.new("RGB", (1200, 900), "#f4f1ec")
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((330, 140, 870, 680), radius=90, fill=colour)
    draw.ellipse((500, 300, 700, 500), fill="#f4f1ec")
    draw.text((600, 780), name, fill="#1d2329", anchor="mm", font_size=56)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    filename = f"{name.lower().replace(' ', '-').replace(',', '')}.jpg"
    return image_model.objects.create(title=name, file=ImageFile(buffer, name=filename))


def seed_articles() -> None:
    """The Dutch articles under their categories, with English versions of the top ten."""
    categories = seed_categories()
    products = seed_products()
    english = _locales()[1]
    made = {}
    for spec in content.ARTICLES:
        parent = categories[spec["category"]]
        article = _child(parent, spec["slug"])
        if article is None:
            article = _add(parent, _article(spec, spec["body"], products, made))
        made[spec["slug"]] = article
        if "en" in spec and not article.has_translation(english):
            translation = article.copy_for_translation(english)
            translation.title = spec["en"]["title"]
            translation.slug = spec["en"]["slug"]
            translation.intro = spec["en"]["intro"]
            translation.body = _stream(spec["en"]["body"], products, {})
            # copy_for_translation copies the Dutch tags; English pages get English ones.
            translation.tags.set([TAGS_EN.get(tag, tag) for tag in spec.get("tags", [])])
            translation.products = [
                products[slug].get_translation(english) for slug in spec.get("products", [])
            ]
            translation.save_revision().publish()


TAGS_EN = {
    "bestellen": "ordering", "winkelmandje": "basket", "annuleren": "cancelling",
    "korting": "discount", "betalen": "payment", "achteraf-betalen": "pay-later",
    "storing": "outage", "cadeaubon": "gift-card", "bezorging": "delivery",
    "track-en-trace": "tracking", "verzendkosten": "shipping-costs", "afhaalpunt": "pick-up-point",
    "belgie": "belgium", "schade": "damage", "retourneren": "returns",
    "terugbetaling": "refund", "ruilen": "exchange", "maat": "size", "kosten": "costs",
    "voorwaarden": "conditions", "inloggen": "logging-in", "adres": "address",
    "nieuwsbrief": "newsletter", "onderhoud": "maintenance", "koffie": "coffee",
    "ontkalken": "descaling", "stofzuiger": "vacuum-cleaner", "kleding": "clothing",
    "wassen": "washing", "elektronica": "electronics", "garantie": "warranty",
    "reparatie": "repair",
}


def _article(spec: dict, body: list, products: dict, made: dict) -> ArticlePage:
    article = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        featured=spec.get("featured", False),
        body=_stream(body, products, made),
    )
    article.tags.set(spec.get("tags", []))
    article.products = [products[slug] for slug in spec.get("products", [])]
    return article


def _stream(body: list, products: dict, made: dict) -> list:
    """StreamField data from the notation described in kb.demo_content."""
    stream = []
    for item in body:
        if isinstance(item, str):
            stream.append(_text_block(item))
            continue
        kind, *args = item
        stream.append(_BLOCK_BUILDERS[kind](*args, products=products, made=made))
    # Raw (JSON-style) blocks: chooser values are ids, as Wagtail stores them.
    return [{"type": block[0], "value": block[1]} for block in stream if block is not None]


def _text_block(text: str) -> tuple:
    if text.startswith("### "):
        return ("heading", {"text": text[4:], "level": "h3"})
    if text.startswith("## "):
        return ("heading", {"text": text[3:], "level": "h2"})
    return ("rich_text", text if text.startswith("<") else f"<p>{text}</p>")


def _callout(kind):
    return lambda text, **_: ("callout", {"kind": kind, "title": "", "text": f"<p>{text}</p>"})


def _steps(steps, **_):
    items = [step if isinstance(step, tuple) else (step, "") for step in steps]
    return (
        "steps",
        {
            "title": "",
            "steps": [{"title": t, "text": f"<p>{x}</p>" if x else ""} for t, x in items],
        },
    )


def _table(caption, rows, **_):
    return (
        "table",
        {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    )


def _faq(pairs, **_):
    items = [{"question": q, "answer": f"<p>{escape(a)}</p>"} for q, a in pairs]
    return ("faq", {"title": "", "items": items})


def _links(slugs, *, made, **_):
    links = [{"page": made[s].pk, "url": "", "text": ""} for s in slugs if s in made]
    return ("related_links", {"title": "", "links": links}) if links else None


def _image(product_slug, caption, *, products, **_):
    image = products[product_slug].image
    return ("image", {"image": image.pk, "alt_text": "", "caption": caption})


_BLOCK_BUILDERS = {
    "tip": _callout("tip"),
    "warning": _callout("warning"),
    "steps": _steps,
    "table": _table,
    "faq": _faq,
    "links": _links,
    "image": _image,
}


def seed_faq_pages() -> None:
    categories = seed_categories()
    home = _homes()[0]
    for spec in content.FAQ_PAGES:
        parent = categories[spec["parent"]] if spec["parent"] else home
        if _child(parent, spec["slug"]) is None:
            body = [
                {"type": "question", "value": {"question": q, "answer": f"<p>{escape(a)}</p>"}}
                for q, a in spec["questions"]
            ]
            _add(
                parent,
                FaqPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=body),
            )


def seed_service_promise() -> None:
    home, home_en = _homes()
    dutch = content.SERVICE_PROMISE["nl"]
    page = _child(home, dutch["slug"]) or _add(home, ServicePromisePage(**dutch))
    _translate(page, home_en.locale, **content.SERVICE_PROMISE["en"])


def seed_review_workflow() -> None:
    """The two-step review workflow on both help centres; editors also maintain products and
    the demo admin also reviews."""
    set_up_review_workflow(pages=list(_homes()))
    editors = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="kb",
            codename__in=["add_product", "change_product", "delete_product"],
        )
    )
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is not None:
        admin.groups.add(*Group.objects.filter(name=REVIEWERS_GROUP))


# (article slug, video page slug, caption): product videos shown inside articles.
ARTICLE_VIDEOS = [
    ("koffiezetapparaat-ontkalken", "je-koffiemachine-ontkalken", "Kijk mee: zo ontkalk je"),
    ("hoe-retourneer-ik-een-artikel", "je-pakket-retourneren-in-3-stappen", ""),
]


def seed_article_videos() -> None:
    """Embed the demo's product videos (step 25) in the Dutch articles about the same thing."""
    dutch = _locales()[0]
    for article_slug, video_slug, caption in ARTICLE_VIDEOS:
        article = ArticlePage.objects.filter(locale=dutch, slug=article_slug).first()
        video = VideoPage.objects.filter(locale=dutch, slug=video_slug).first()
        if article is None or video is None:
            continue
        if any(block.block_type == "video" for block in article.body):
            continue
        article.body.insert(1, ("video", {"video": video, "caption": caption}))
        article.save_revision().publish()


# (order, label, step) for `manage.py seed_demo`; lower orders run first.
STEPS = [
    (20, "help centre home", seed_home_pages),
    (21, "help centre articles and products", seed_articles),
    (22, "help centre FAQ pages", seed_faq_pages),
    (23, "service promise", seed_service_promise),
    (24, "editors' review workflow", seed_review_workflow),
    (25, "product videos", demo_videos.seed_videos),
    (26, "announcements", demo_videos.seed_announcements),
    (27, "article feedback", demo_videos.seed_feedback),
    (28, "product videos in articles", seed_article_videos),
]
