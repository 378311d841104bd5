"""`{% active_announcements as announcements %}`: banners for where the visitor is."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from ..announcements import active_announcements as select_active
from ..announcements import dismissed_from
from ..models import Product

register = template.Library()


@register.simple_tag(takes_context=True)
def active_announcements(context):
    """Running announcements for the current language that match the template's `page`
    (a Wagtail page) or `product`, minus those this visitor dismissed."""
    request = context.get("request")
    if request is None:
        return []
    page, product = context.get("page"), context.get("product")
    return select_active(
        language_code=get_language(),
        page=page if isinstance(page, Page) else None,
        product=product if isinstance(product, Product) else None,
        dismissed=dismissed_from(request),
    )
