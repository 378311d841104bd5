import datetime

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="help")
class SupportSettings(BaseSiteSetting):
    """How shoppers reach the desk and what it promises; edited in Settings → Support."""

    email = models.EmailField(_("e-mail address"), default="klantenservice@example.nl")
    phone = models.CharField(_("phone number"), max_length=40, default="020 123 45 67",
                             blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=40, blank=True)
    opening_hours_nl = models.CharField(_("opening hours (Dutch)"), max_length=200,
                                        default="Maandag tot en met vrijdag, 9:00 tot 17:30")
    opening_hours_en = models.CharField(_("opening hours (English)"), max_length=200,
                                        default="Monday to Friday, 9:00 to 17:30")
    first_reply_hours = models.PositiveIntegerField(
        _("first reply within (hours)"), default=8,
        help_text=_("The service promise shown on the contact page and the SLA of the queue."),
    )
    business_hours_only = models.BooleanField(
        _("count business hours only"), default=False,
        help_text=_("The first-reply target counts only the hours below, Monday to Friday."),
    )
    business_start = models.TimeField(_("business day starts"), default=datetime.time(9, 0))
    business_end = models.TimeField(_("business day ends"), default=datetime.time(17, 30))
    escalate_after_hours = models.PositiveIntegerField(
        _("escalate unanswered community questions after (hours)"), default=24
    )

    panels = [
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("whatsapp")],
                        heading=_("Channels")),
        MultiFieldPanel([FieldPanel("opening_hours_nl"), FieldPanel("opening_hours_en")],
                        heading=_("Opening hours")),
        MultiFieldPanel([
            FieldPanel("first_reply_hours"), FieldPanel("business_hours_only"),
            FieldRowPanel([FieldPanel("business_start"), FieldPanel("business_end")]),
            FieldPanel("escalate_after_hours"),
        ], heading=_("Service promise")),
    ]

    class Meta:
        verbose_name = _("support desk")

    @property
    def opening_hours(self) -> str:
        english = (get_language() or "nl").startswith("en")
        return self.opening_hours_en if english else self.opening_hours_nl

    @classmethod
    def current(cls, request=None) -> "SupportSettings":
        """The settings of the request's site, else of the default site; unsaved defaults when
        there is no site yet (tests, a fresh database)."""
        from wagtail.models import Site

        site = Site.find_for_request(request) if request is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()
