"""Help-centre pages and products for tests: real Wagtail pages, published with a revision."""

from django.utils.text import slugify
from wagtail.models import Locale

from kb.models import ArticlePage, CategoryPage, FaqPage, HomePage, Product


def dutch_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="nl")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def category(parent=None, *, title="Betalen", slug=None, **fields) -> CategoryPage:
    parent = parent or dutch_home()
    page = CategoryPage(title=title, slug=slug or slugify(title), **fields)
    parent.add_child(instance=page)
    return publish(page)


def article(parent, *, title="Betalen met iDEAL", slug=None, body=None, live=True, **fields):
    body = body if body is not None else [("rich_text", "<p>Kies iDEAL bij het afrekenen.</p>")]
    page = ArticlePage(title=title, slug=slug or slugify(title), body=body, live=live, **fields)
    parent.add_child(instance=page)
    return publish(page) if live else page


def faq_page(parent, *, title="Veelgestelde vragen", questions=None) -> FaqPage:
    questions = questions or [("Kan ik achteraf betalen?", "<p>Ja, met Klarna.</p>")]
    body = [("question", {"question": q, "answer": a}) for q, a in questions]
    page = FaqPage(title=title, slug=slugify(title), body=body)
    parent.add_child(instance=page)
    return publish(page)


def product(*, name="Koffiezetapparaat Aroma 300", slug="aroma-300", sku="KZ-300", **fields):
    locale = fields.pop("locale", None) or Locale.objects.get(language_code="nl")
    return Product.objects.create(name=name, slug=slug, sku=sku, locale=locale, **fields)


def image(title="Foto", colour="#0b6e4f"):
    """A real image in Wagtail's library, drawn with Pillow."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 480), colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower()}.jpg")
    )
