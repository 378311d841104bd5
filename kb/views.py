"""Help-centre pages that are not Wagtail pages: a product's overview and the footer's
stable link to the service promise."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from . import selectors


def product_detail(request, slug: str):
    product = selectors.product(slug, get_language())
    if product is None:
        raise Http404
    context = {
        "product": product,
        "sections": selectors.pages_about(product),
        "other_sections": selectors.other_product_sections(product),
    }
    return render(request, "kb/product_detail.html", context)


def service_promise(request):
    """Redirect to this language's service promise page, so every page's footer links to it
    without a query."""
    page = selectors.service_promise_page(get_language())
    if page is None:
        raise Http404
    return redirect(page.get_url(request))
