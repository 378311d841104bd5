"""The demo shop's brand: name, company details and a logo drawn here (no copied art)."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from .branding import DEFAULT_COLOUR
from .models import BrandSettings

LOGO_TITLE = "Vraagbaak logo"
DEMO_BRAND = {
    "shop_name": "Vraagbaak", "primary_colour": DEFAULT_COLOUR, "legal_name": "Vraagbaak B.V.",
    "address": "Voorbeeldstraat 12, 1011 AB Amsterdam", "chamber_of_commerce": "12345678",
    "vat_number": "NL001234567B01",
}


def draw_logo(colour: str = DEFAULT_COLOUR, size: int = 256) -> bytes:
    """A PNG: a speech bubble with a question mark on a rounded square in the brand colour."""
    picture = PillowImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    unit = size / 16
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=round(3 * unit), fill=colour)
    draw.rounded_rectangle((3 * unit, 3 * unit, 13 * unit, 11 * unit), radius=round(2 * unit),
                           fill="white")
    draw.polygon([(5 * unit, 10.5 * unit), (5 * unit, 13.5 * unit), (8.5 * unit, 10.5 * unit)],
                 fill="white")
    draw.text((8 * unit, 7 * unit), "?", fill=colour, anchor="mm", font_size=round(7 * unit))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def seed_brand() -> None:
    """The default site's brand settings with the generated logo; kept when they exist."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    brand = BrandSettings.for_site(site)
    if brand.logo_id:
        return
    images = get_image_model()
    logo = images.objects.filter(title=LOGO_TITLE).first() or images.objects.create(
        title=LOGO_TITLE, file=ImageFile(io.BytesIO(draw_logo()), name="vraagbaak-logo.png")
    )
    for field, value in DEMO_BRAND.items():
        setattr(brand, field, value)
    brand.logo = logo
    brand.full_clean()
    brand.save()


STEPS = [(29, "shop brand and logo", seed_brand)]
