from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each site language: [{code, name, url, current}].

    A Wagtail page links to its live translation (slugs differ per language), or to that
    language's home page when it has none; any other page to the same view under the other
    language prefix. Used by the language switcher and the hreflang links.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[version.locale.language_code] = version.get_url(request)
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": translations.get(code) or _fallback_url(request, code, is_page=page is not None),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


def _fallback_url(request, code: str, *, is_page: bool) -> str:
    if is_page:
        with translation.override(code):
            return reverse("wagtail_serve", args=[""])
    return translate_url(request.get_full_path(), code)
