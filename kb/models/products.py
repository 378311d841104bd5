"""Products from the shop that help content is about."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Product(TranslatableMixin, index.Indexed, models.Model):
    """A product sold in the shop (Wagtail snippet), one row per language.

    Pages that are about products link to them with a `products` ParentalManyToManyField to
    `kb.Product`; the product page (`kb:product`) lists every live page of the product's
    language that does, whatever its type. `category` is the shop's product category
    ("Koffiemachines"), not a help-centre category.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)
    sku = models.CharField(_("SKU"), max_length=40, help_text=_("The shop's article number."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shop_url = models.URLField(_("shop address"), blank=True)
    category = models.CharField(_("product category"), max_length=80, blank=True)
    price = models.DecimalField(
        _("price"), max_digits=9, decimal_places=2, null=True, blank=True,
        help_text=_("In euros, as the shop shows it."),
    )
    policy = models.TextField(
        _("warranty and returns"), blank=True, max_length=1000,
        help_text=_("The warranty and return terms that apply to this product."),
    )
    is_discontinued = models.BooleanField(
        _("no longer available"), default=False,
        help_text=_("The shop no longer sells this product (\"niet meer leverbaar\")."),
    )

    # An edit of one of these in the back office tells community answers about the product
    # that they may be out of date (kb.signals.product_changed); a new picture or slug does not.
    MATERIAL_FIELDS = ("name", "sku", "price", "policy", "is_discontinued")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sku"),
        FieldPanel("category"),
        FieldPanel("image"),
        FieldPanel("shop_url"),
        FieldPanel("price"),
        FieldPanel("policy"),
        FieldPanel("is_discontinued"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("sku"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="kb_product_unique_slug"),
            models.UniqueConstraint(fields=["locale", "sku"], name="kb_product_unique_sku"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        with override(self.locale.language_code):
            return reverse("kb:product", kwargs={"slug": self.slug})
