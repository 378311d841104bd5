"""Community questions in /sitemap.xml, next to Wagtail's pages (see vraagbaak/urls.py)."""

from django.contrib.sitemaps import Sitemap

from . import selectors


class QuestionSitemap(Sitemap):
    """Every public question that is not a duplicate, at its canonical URL (which carries
    the question's language)."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return selectors.sitemap_questions().only(
            "pk", "slug", "locale", "last_activity_at", "answer_count"
        )

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.last_activity_at

    def priority(self, item):
        return 0.6 if item.answer_count else 0.4
