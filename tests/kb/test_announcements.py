"""Announcement banners: the right scope, the right window, dismissible per visitor."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text

from kb.announcements import active_announcements
from kb.models import Announcement
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db

STORM = "Door stormschade vertraagde leveringen in Friesland"


def announce(title=STORM, *, language="nl", minutes_ago=60, minutes_left=60, **fields):
    now = timezone.now()
    return Announcement.objects.create(
        title=title,
        message="<p>Bestellingen naar Friesland komen 1 tot 2 dagen later.</p>",
        locale=Locale.objects.get(language_code=language),
        starts_at=now - timedelta(minutes=minutes_ago),
        ends_at=None if minutes_left is None else now + timedelta(minutes=minutes_left),
        **fields,
    )


@pytest.fixture
def tree(home_pages):
    delivery = factories.category(title="Verzending en levering", slug="verzending")
    delays = factories.category(delivery, title="Vertraging", slug="vertraging")
    article = factories.article(delays, title="Waar blijft mijn pakket", slug="pakket")
    other = factories.category(title="Betalen", slug="betalen")
    other_article = factories.article(other, title="Betalen met iDEAL", slug="ideal")
    return {"home": home_pages, "delivery": delivery, "article": article, "other": other,
            "other_article": other_article}


def dismiss_url(announcement):
    return reverse("kb:dismiss_announcement", args=[announcement.pk])


def titles(**where):
    return [a.title for a in active_announcements(language_code="nl", **where)]


class TestSchedule:
    def test_running_announcements_show_and_future_or_expired_ones_never_do(self, tree):
        announce("Nu")
        announce("Straks", minutes_ago=-30, minutes_left=90)
        announce("Voorbij", minutes_ago=120, minutes_left=-1)
        announce("Zonder einde", minutes_left=None)
        assert sorted(titles(page=tree["home"])) == ["Nu", "Zonder einde"]

    def test_the_window_is_checked_on_every_request_even_while_cached(self, tree):
        starting = announce("Om middernacht", minutes_ago=-1, minutes_left=30)
        now = timezone.now()
        assert titles(page=tree["home"], now=now) == []
        later = now + timedelta(minutes=2)
        assert [a.title for a in active_announcements(language_code="nl", now=later)] == [
            "Om middernacht"
        ]
        after = starting.ends_at + timedelta(seconds=1)
        assert active_announcements(language_code="nl", now=after) == []

    def test_an_end_before_the_start_is_refused(self, tree):
        item = Announcement(title="x", message="<p>x</p>", locale=tree["home"].locale,
                            starts_at=timezone.now(), ends_at=timezone.now() - timedelta(hours=1))
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert "ends_at" in error.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            item.save()


class TestScope:
    def test_site_wide_ones_show_everywhere_in_their_language_only(self, tree):
        announce()
        announce("Storm", language="en")
        assert titles(page=tree["other_article"]) == [STORM]
        assert titles() == [STORM]
        assert [a.title for a in active_announcements(language_code="en")] == ["Storm"]

    def test_a_category_announcement_shows_in_that_category_and_below(self, tree):
        announce(scope="category", category=tree["delivery"])
        assert titles(page=tree["delivery"]) == [STORM]
        assert titles(page=tree["article"]) == [STORM]
        assert titles(page=tree["other_article"]) == []
        assert titles(page=tree["home"]) == []

    def test_a_product_announcement_shows_on_its_product_and_pages_about_it(self, tree):
        machine = factories.product()
        announce("Terugroepactie Aroma 300", scope="product", product=machine)
        tree["article"].products.add(machine)
        tree["article"].save_revision().publish()
        assert titles(page=tree["article"]) == ["Terugroepactie Aroma 300"]
        assert titles(product=machine) == ["Terugroepactie Aroma 300"]
        assert titles(page=tree["other_article"]) == []

    def test_the_scope_must_name_its_target(self, tree):
        item = Announcement(title="x", message="<p>x</p>", locale=tree["home"].locale,
                            scope="category")
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert "category" in error.value.message_dict

    def test_the_most_severe_comes_first(self, tree):
        announce("Info", severity="info", minutes_ago=1)
        announce("Storing", severity="critical", minutes_ago=50)
        assert titles() == ["Storing", "Info"]


class TestBanner:
    def test_shows_on_pages_and_on_pages_outside_the_help_centre(self, client, tree):
        announce()
        for url in [tree["article"].url, "/nl/"]:
            html = client.get(url).content.decode()
            assert STORM in html and "kb-announcement-info" in html

    def test_shows_on_the_product_page(self, client, tree):
        machine = factories.product()
        announce("Terugroepactie Aroma 300", scope="product", product=machine)
        assert "Terugroepactie Aroma 300" in client.get(machine.get_absolute_url()).content.decode()

    def test_dismissing_without_javascript_hides_it_for_this_visitor_only(self, client, tree):
        storm = announce()
        response = client.post(dismiss_url(storm),
                               {"next": tree["article"].url})
        assert response.status_code == 302 and response["Location"] == tree["article"].url
        assert STORM not in client.get(tree["article"].url).content.decode()
        assert STORM in client.__class__().get(tree["article"].url).content.decode()

    def test_dismissing_with_javascript_answers_no_content(self, client, tree):
        storm = announce()
        response = client.post(dismiss_url(storm),
                               HTTP_X_REQUESTED_WITH="fetch")
        assert response.status_code == 204
        assert STORM not in client.get("/nl/").content.decode()

    def test_banners_cost_no_query_while_cached(self, client, tree, django_assert_num_queries):
        announce()
        active_announcements(language_code="nl")
        with django_assert_num_queries(0):
            assert titles(page=tree["article"]) == [STORM]

    def test_saving_in_the_admin_updates_the_banner_at_once(self, client, tree):
        storm = announce()
        assert titles() == [STORM]
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.post(f"/admin/snippets/kb/announcement/edit/{storm.pk}/", {
            "title": "Leveringen weer op tijd", "message": rich_text(storm.message),
            "severity": "info", "scope": "site",
            "starts_at": timezone.localtime(storm.starts_at).strftime("%Y-%m-%d %H:%M"),
            "ends_at": timezone.localtime(storm.ends_at).strftime("%Y-%m-%d %H:%M"),
        })
        assert response.status_code == 302, response.content.decode()[:3000]
        assert titles() == ["Leveringen weer op tijd"]
        assert cache.get("kb:announcements:nl") is not None
