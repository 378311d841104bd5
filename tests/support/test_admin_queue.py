"""The staff queue in the Wagtail admin: who sees it, breaches first, filters, the ticket
page with trail and actions, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Source, Status, Ticket
from tests.factories import UserFactory

from .factories import ticket, topic

QUEUE = "/admin/support/"


def _age(made, hours):
    Ticket.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(hours=hours))


class TestWhoSeesTheQueue:
    def test_support_staff_see_the_queue_but_not_the_page_editor(self, client, agent,
                                                                 home_pages):
        client.force_login(agent)
        assert client.get(QUEUE).status_code == 200
        edit = client.get(f"/admin/pages/{home_pages.pk}/edit/")
        assert edit.status_code in (302, 403)
        explorer = client.get(f"/admin/pages/{home_pages.pk}/")
        assert explorer.status_code in (302, 403)

    def test_an_editor_in_the_group_can_edit_pages_too(self, client, agent, home_pages):
        from django.contrib.auth.models import Group, Permission
        from wagtail.models import GroupPagePermission, Page

        editors = Group.objects.get_or_create(name="Editors")[0]
        for codename in ("add_page", "change_page", "publish_page"):
            permission = Permission.objects.get(codename=codename,
                                                content_type__app_label="wagtailcore")
            GroupPagePermission.objects.get_or_create(
                group=editors, page=Page.get_first_root_node(), permission=permission)
        agent.groups.add(editors)
        client.force_login(agent)
        assert client.get(f"/admin/pages/{home_pages.pk}/edit/").status_code == 200

    def test_shoppers_and_anonymous_visitors_do_not_see_it(self, client, shopper):
        assert client.get(QUEUE).status_code == 302  # to the admin login
        client.force_login(shopper)
        assert client.get(QUEUE).status_code in (302, 403)
        made = ticket()
        assert client.get(f"{QUEUE}{made.pk}/").status_code in (302, 403)


@pytest.mark.django_db
class TestQueue:
    def test_breaches_come_first_and_are_marked(self, client, agent):
        fresh = ticket(subject="Nieuw en vers")
        late = ticket(subject="Al lang onbeantwoord")
        _age(late, 30)
        client.force_login(agent)
        response = client.get(QUEUE)
        rows = response.context["rows"]
        assert [r["ticket"].pk for r in rows] == [late.pk, fresh.pk]
        assert rows[0]["sla"].breached
        text = response.content.decode()
        assert text.index("Al lang onbeantwoord") < text.index("Nieuw en vers")
        assert 'class="sla-breached"' in text

    def test_filters(self, client, agent):
        delivery = ticket(subject="Bezorging", topic=topic("bezorging"))
        ticket(subject="Betalen", topic=topic("betalen"), source=Source.PRIVATE,
               requester=UserFactory())
        old = ticket(subject="Oud")
        _age(old, 24 * 4)
        client.force_login(agent)

        def subjects(**params):
            rows = client.get(QUEUE, params).context["rows"]
            return sorted(r["ticket"].subject for r in rows)

        assert subjects(topic="bezorging") == ["Bezorging", "Oud"]
        assert subjects(source="private") == ["Betalen"]
        assert subjects(age="3d") == ["Oud"]
        assert subjects(assignee="none") == ["Betalen", "Bezorging", "Oud"]
        from support import services

        services.assign(ticket=delivery, by=agent, assignee=agent)
        assert subjects(assignee=str(agent.pk)) == ["Bezorging"]
        services.resolve(ticket=delivery, by=agent)
        assert subjects(status="resolved") == ["Bezorging"]
        assert "Bezorging" not in subjects()

    def test_the_queue_costs_a_fixed_number_of_queries(self, client, agent):
        ticket()
        client.force_login(agent)
        client.get(QUEUE)
        with CaptureQueriesContext(connection) as few:
            client.get(QUEUE)
        for n in range(5):
            ticket(subject=f"Vraag {n}", requester=UserFactory())
        with CaptureQueriesContext(connection) as many:
            client.get(QUEUE)
        assert len(many) == len(few)


@pytest.mark.django_db
class TestTicketPage:
    def test_shows_conversation_trail_and_notes_escaped(self, client, agent):
        made = ticket(body="<script>alert(1)</script> Mijn pakket",
                      trail={"searches": [{"query": "pakket kwijt", "results": 3,
                                           "clicked": ["/nl/bezorging/"]}],
                             "suggestions": [], "pages": ["/nl/bezorging/"],
                             "shown_on_contact": [{"title": "Waar is mijn pakket?",
                                                   "url": "/nl/x/"}]})
        client.force_login(agent)
        text = client.get(f"{QUEUE}{made.pk}/").content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text
        assert "pakket kwijt" in text and "Waar is mijn pakket?" in text

    def test_reply_note_assign_and_resolve_from_the_page(self, client, agent,
                                                          django_capture_on_commit_callbacks):
        from django.core import mail

        made = ticket()
        client.force_login(agent)
        url = f"{QUEUE}{made.pk}/"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "reply", "body": "Het komt goed.", "then": "waiting"})
        assert "Het komt goed." in mail.outbox[-1].body
        client.post(url, {"action": "note", "note": "Vervoerder gebeld."})
        client.post(url, {"action": "manage", "status": "resolved", "priority": "high",
                          "assignee": str(agent.pk)})
        made.refresh_from_db()
        assert (made.status, made.priority, made.assignee) == (Status.RESOLVED, "high", agent)
        assert made.messages.count() == 3
        text = client.get(url).content.decode()
        assert "Vervoerder gebeld." in text and "Geschiedenis" in text

    def test_the_page_costs_a_fixed_number_of_queries(self, client, agent):
        from support import services

        made = ticket()
        client.force_login(agent)
        url = f"{QUEUE}{made.pk}/"
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(4):
            services.reply(ticket=made, by=agent, body=f"Antwoord {n}")
            services.add_note(ticket=made, by=agent, body=f"Notitie {n}")
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(few)
