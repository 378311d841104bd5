"""The shop's brand as every page's layout needs it: name, logo, colours, company and contact
details, from `BrandSettings` and support's `SupportSettings` of the request's site.

Read on every request, so the values are cached as plain data per host and go stale together
with the page cache: saving either settings model bumps the page cache's "brand" tag, which is
part of this cache's key (see `apps.py`). The colour reaches pages only through `/brand.css`
(a CSS custom property), never a style attribute: the CSP forbids those.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from .page_cache import bump, current_version

DEFAULT_COLOUR = "#0b6e4f"
CACHE_SECONDS = 3600
BRAND_TAG = "brand"


def darker(colour: str, factor: float = 0.7) -> str:
    """`colour` (#rrggbb) with each channel scaled by `factor`: the hover shade."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def stylesheet(colour: str) -> str:
    """The CSS that /brand.css serves: the brand colours as custom properties site.css uses."""
    return f":root {{\n  --brand: {colour};\n  --brand-dark: {darker(colour)};\n}}\n"


def _site(request):
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def _load(request) -> dict:
    from support.models import SupportSettings

    from .models import BrandSettings

    site = _site(request)
    brand = BrandSettings.for_site(site) if site else BrandSettings()
    desk = SupportSettings.for_site(site) if site else SupportSettings()
    logo = brand.logo.get_rendition("fill-64x64").url if brand.logo_id and brand.logo else ""
    return {
        "name": brand.shop_name, "logo_url": logo, "colour": brand.primary_colour,
        "colour_version": hashlib.sha1(brand.primary_colour.encode(),
                                       usedforsecurity=False).hexdigest()[:8],
        "legal_name": brand.legal_name or brand.shop_name, "address": brand.address,
        "chamber_of_commerce": brand.chamber_of_commerce, "vat_number": brand.vat_number,
        "email": desk.email, "phone": desk.phone,
        "opening_hours_nl": desk.opening_hours_nl, "opening_hours_en": desk.opening_hours_en,
    }


def brand_for(request) -> dict:
    """The brand values for the request's host; costs no SQL query while cached."""
    host = request.get_host() if request is not None else ""
    key = f"vb:brand:{current_version(BRAND_TAG)}:{host}"
    values = cache.get(key)
    if values is None:
        values = _load(request)
        cache.set(key, values, CACHE_SECONDS)
    english = (get_language() or "nl").startswith("en")
    return values | {"opening_hours": values["opening_hours_en" if english else
                                             "opening_hours_nl"]}


def on_settings_saved(sender, instance=None, raw=False, created=False, **kwargs) -> None:
    """post_save/post_delete of BrandSettings and SupportSettings: every page and the cached
    brand values go stale. A row just created holds the defaults pages already show (`for_site`
    creates it on first read), so creating one changes nothing."""
    if not raw and not created:
        bump(BRAND_TAG)


def on_image_saved(sender, instance=None, raw=False, **kwargs) -> None:
    """A changed file of the image that is a site's logo gets new renditions (new URLs)."""
    from .models import BrandSettings

    if not raw and instance is not None and BrandSettings.objects.filter(logo=instance).exists():
        bump(BRAND_TAG)
