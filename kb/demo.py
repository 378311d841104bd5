"""Demo help-centre pages for `manage.py seed_demo`."""

from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_NL = {
    "title": "Klantenservice",
    "slug": "klantenservice",
    "intro": "<p>Vind snel antwoord op je vraag over bestellen, betalen, bezorging en retourneren, "
    "of vraag het aan andere shoppers.</p>",
}
HOME_EN = {
    "title": "Customer service",
    "slug": "customer-service",
    "intro": "<p>Quickly find answers about ordering, paying, delivery and returns, "
    "or ask other shoppers.</p>",
}


def seed_home_pages() -> HomePage:
    """The Dutch home page as the default site's root, with its English translation.

    Replaces Wagtail's placeholder welcome page on first run; later runs change nothing.
    """
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePage.objects.filter(locale=dutch).first() or _create_dutch_home(dutch)
    if not home.has_translation(english):
        translation = home.copy_for_translation(english)
        for field, value in HOME_EN.items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    return home


def _create_dutch_home(locale: Locale) -> HomePage:
    # Wagtail's migrations create the tree root; a flushed test database has none.
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    home = root.add_child(instance=HomePage(locale=locale, **HOME_NL))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Vraagbaak"
        )
    else:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "Vraagbaak"
        site.save()
        if type(placeholder.specific) is Page:
            placeholder.delete()
    return home


# (order, label, step) for `manage.py seed_demo`; lower orders run first.
STEPS = [(20, "help centre home", seed_home_pages)]
