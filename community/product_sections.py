"""The community's section on kb product pages (registered in `apps.ready`): the product's
recent questions, marked when answered, with "ask a question about this product"."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kb.selectors import ProductSection

from . import selectors
from .models import Question


def questions_about(product) -> ProductSection:
    questions = selectors.product_questions(product=product)
    for question in questions:
        question.badge = _("answered") if question.status == Question.Status.ANSWERED else ""
    with translation.override(product.locale.language_code):
        ask = reverse("community:ask") + "?" + urlencode({"product": product.slug})
        more = reverse("community:product", kwargs={"product": product.slug})
    links = [(_("Ask a question about this product"), ask)]
    if questions:
        links.append((_("All questions about this product"), more))
    return ProductSection(heading=_("Questions from the community"), items=questions,
                          links=links)
