"""Template-fragment caching for parts of a page that are the same for every visitor, logged in
or not (help-centre bodies, category lists, the home page's sections, sidebars).

    {% load cache fragment_tags %}
    {% shared_fragment "kb" as frag %}
    {% cache frag.seconds kb_article_body page.pk frag.vary %}…{% endcache %}

`frag.vary` holds the current versions of the page-cache tags named (vraagbaak.page_cache) and
the language, so a write that purges the logged-out pages (a publish bumps `kb`) re-keys the
fragment too; `frag.seconds` is the page cache's TTL, so what is not purged by a write (nothing
in these fragments today) is at most as old as a cached page. What goes inside must not
depend on the viewer: no user, no form with a CSRF token, no per-visitor state. Wagtail
previews (a draft under the live page's id) neither read nor store fragments.
"""

import secrets
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language

from vraagbaak import page_cache

register = template.Library()


@dataclass(frozen=True)
class SharedFragment:
    vary: str
    seconds: int


@register.simple_tag(takes_context=True)
def shared_fragment(context, *tags: str) -> SharedFragment:
    """The vary-on value and timeout for a `{% cache %}` block depending on `tags`: their
    versions, the language and the host (page links may name it)."""
    request = context.get("request")
    if getattr(request, "is_preview", False):
        # A Wagtail preview shows a draft under the live page's id: never read or keep it.
        return SharedFragment(vary=f"preview-{secrets.token_hex(8)}", seconds=0)
    versions = page_cache.current_versions(tags)
    host = request.get_host() if request is not None else ""
    vary = "|".join([get_language() or "", host, *(f"{t}={versions[t]}" for t in tags)])
    return SharedFragment(vary=vary, seconds=settings.PAGE_CACHE_SECONDS)
