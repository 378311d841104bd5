"""Back-office screens of the search app: the editors' synonym sets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LearnedPhrasing, SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = _("Synonyms")
    add_to_settings_menu = True
    list_display = ["terms", "expansions", "language"]
    list_filter = ["language"]
    search_fields = ["terms", "expansions"]


register_snippet(SynonymSetViewSet)


class LearnedPhrasingViewSet(SnippetViewSet):
    """The review list: editors tick "removed" on a bad phrasing; it leaves the index at the
    document's next indexing and is never learned again."""

    model = LearnedPhrasing
    icon = "list-ul"
    menu_label = _("Learned phrasings")
    add_to_settings_menu = True
    list_display = ["text", "document", "language", "visitors", "last_seen", "removed"]
    list_filter = ["language", "removed"]
    search_fields = ["text", "document"]


register_snippet(LearnedPhrasingViewSet)
