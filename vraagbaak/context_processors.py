from .branding import brand_for
from .page_cache import CSRF_PLACEHOLDER, is_cacheable_render


def site(request):
    """Values every page's layout needs. While a page that may be cached for logged-out
    visitors renders, forms get a placeholder instead of a CSRF token; the page cache swaps
    each visitor's own token in (vraagbaak/page_cache.py)."""
    brand = brand_for(request)
    values = {"site_name": brand["name"], "brand": brand}
    if is_cacheable_render(request):
        values["csrf_token"] = CSRF_PLACEHOLDER
    return values
