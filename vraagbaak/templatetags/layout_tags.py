from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from vraagbaak.http import safe_next

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
    with translation.override(code):
        home = reverse("wagtail_serve", args=[""])
    if is_page:
        return home
    # The other language has its own number of pages: page 2 here may not exist there.
    query = request.GET.copy()
    query.pop("page", None)
    path = request.path + (f"?{query.urlencode()}" if query else "")
    # A request path like "//evil.example/x" must not become a link to another site.
    return safe_next(request, translate_url(path, code), home)
