from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class ScheduledJob(models.Model):
    """One row per scheduled job (see vraagbaak.scheduler). A scheduler runs a due occurrence
    only after moving `next_run_at` forward with one conditional UPDATE, so when several
    schedulers run, exactly one of them wins each occurrence."""

    name = models.CharField(max_length=120, unique=True)  # "<app label>.<job name>"
    every_seconds = models.PositiveIntegerField()
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    runs = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SubmittedForm(models.Model):
    """A form submission that has already been acted on (see vraagbaak.idempotency): the
    unique (scope, token) pair turns a double click, a resent POST or ten concurrent submits
    of one form into one result."""

    scope = models.CharField(max_length=80)  # "<app>.<form>:<user id>"
    token = models.CharField(max_length=64)
    object_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "token"], name="submitted_form_once"),
        ]

    def __str__(self):
        return f"{self.scope} {self.token}"


HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #0b6e4f.")
)


@register_setting(icon="image")
class BrandSettings(BaseSiteSetting):
    """The shop's name, logo, colour and legal details; edited in Settings → Brand. The site's
    layout and the back office read them through `vraagbaak.branding` (cached), so changing
    them here needs no deploy. Contact channels and hours live in support's settings."""

    shop_name = models.CharField(_("shop name"), max_length=60, default="Vraagbaak")
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Square works best; shown 32 pixels high in the header."),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b6e4f", validators=[HEX_COLOUR],
        help_text=_("Links, buttons and the active language; dark enough for white text."),
    )
    legal_name = models.CharField(_("legal name"), max_length=120, blank=True,
                                  help_text=_("The company behind the shop, for the footer."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    chamber_of_commerce = models.CharField(_("Chamber of Commerce number"), max_length=20,
                                           blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("shop_name"), FieldPanel("logo"),
                         FieldPanel("primary_colour")], heading=_("Brand")),
        MultiFieldPanel([FieldPanel("legal_name"), FieldPanel("address"),
                         FieldPanel("chamber_of_commerce"), FieldPanel("vat_number")],
                        heading=_("Company details")),
    ]

    class Meta:
        verbose_name = _("brand")

    def __str__(self):
        return self.shop_name
