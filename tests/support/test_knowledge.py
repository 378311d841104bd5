"""A resolved ticket becomes a help-centre draft in the editors' workflow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kb.models import ArticlePage
from support import services
from tests.kb import factories as kb

from .factories import ticket

pytestmark = pytest.mark.django_db


def _resolved(agent):
    made = ticket(subject="Retour na 30 dagen?", body="Kan ik na 30 dagen nog retourneren?")
    services.reply(ticket=made, by=agent, body="Ja, tot 60 dagen met het retourlabel.")
    services.resolve(ticket=made, by=agent)
    made.refresh_from_db()
    return made


def test_a_resolved_ticket_becomes_an_unpublished_article(home_pages, agent):
    agent.is_superuser = True  # an editor in customer service
    agent.save()
    made = _resolved(agent)
    page = services.make_article_draft(ticket=made, by=agent, category=kb.category())
    assert isinstance(page, ArticlePage) and not page.live
    assert "tot 60 dagen" in str(page.body)
    made.refresh_from_db()
    assert made.kb_draft_id == page.pk and made.events.filter(kind="draft").exists()
    faq = services.make_faq_draft(ticket=made, by=agent, category=kb.category(title="FAQ"))
    assert faq.title == "FAQ: Retour na 30 dagen?"


def test_without_page_rights_no_draft_is_made(home_pages, agent):
    with pytest.raises(PermissionDenied):
        services.make_article_draft(ticket=_resolved(agent), by=agent, category=kb.category())
    assert ArticlePage.objects.filter(live=False).count() == 0


def test_an_unresolved_ticket_is_not_made_into_an_article(home_pages, agent):
    with pytest.raises(ValidationError):
        services.make_article_draft(ticket=ticket(), by=agent, category=kb.category())
