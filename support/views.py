from django.views.generic import TemplateView


class ContactView(TemplateView):
    """How to reach customer service; the deflecting contact form builds on this page."""

    template_name = "support/contact.html"
