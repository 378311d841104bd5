"""'Was dit artikel nuttig?': anonymous votes, one per visitor per page, rate limited, no JS
needed, and the editors' helpfulness report."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kb import feedback
from kb.models import PageFeedback
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home_pages):
    category = factories.category(title="Retourneren en ruilen", slug="retourneren-en-ruilen")
    return factories.article(category, title="Je pakket retourneren", slug="pakket-retourneren")


def vote(client, page, helpful, **extra):
    data = {"helpful": helpful, "next": page.url, **extra}
    return client.post(f"/nl/feedback/{page.pk}/", data)


class TestVotingWithoutJavaScript:
    def test_no_then_a_reason_is_one_changeable_vote(self, client, article):
        response = vote(client, article, "no")
        assert response.status_code == 302
        assert response["Location"] == f"{article.url}#feedback-page"
        page = client.get(article.url)
        html = page.content.decode()
        assert "Wat miste je? Vertel het ons hieronder" in html
        assert 'name="reason" value="incomplete"' in html  # the reason form appears after "no"

        vote(client, article, "no", reason="incomplete", comment="Geen retourlabel gevonden.")
        saved = PageFeedback.objects.get()
        assert (saved.helpful, saved.reason, saved.comment) == (
            False, "incomplete", "Geen retourlabel gevonden."
        )

        vote(client, article, "yes")
        saved = PageFeedback.objects.get()
        assert (saved.helpful, saved.reason, saved.comment) == (True, "", "")

    def test_the_visitor_key_is_a_signed_random_cookie_not_the_address(self, client, article):
        response = vote(client, article, "yes")
        cookie = response.cookies[feedback.VISITOR_COOKIE].value
        key = PageFeedback.objects.get().visitor_key
        assert key in cookie and cookie != key  # signed
        assert "127.0.0.1" not in key
        assert response.cookies[feedback.VISITOR_COOKIE]["httponly"]

    def test_a_forged_cookie_counts_as_a_new_visitor(self, client, article):
        vote(client, article, "yes")
        client.cookies[feedback.VISITOR_COOKIE] = "someone-else:forged"
        vote(client, article, "no")
        assert PageFeedback.objects.count() == 2

    def test_other_visitors_each_get_their_own_vote(self, article):
        for helpful in ["yes", "no", "no"]:
            vote(Client(), article, helpful)
        assert PageFeedback.objects.filter(helpful=False).count() == 2

    def test_an_invalid_answer_comes_back_with_a_message(self, client, article):
        response = client.post(f"/nl/feedback/{article.pk}/", {"helpful": "misschien"},
                               follow=True)
        assert "Kies ja of nee." in response.content.decode()
        assert not PageFeedback.objects.exists()

    def test_the_return_address_must_be_on_this_site(self, client, article):
        response = vote(client, article, "yes", next="https://evil.example/")
        assert response["Location"] == f"{article.url}#feedback-page"


class TestProgressiveEnhancement:
    def test_a_fetch_gets_the_updated_box_instead_of_a_redirect(self, client, article):
        response = client.post(
            f"/nl/feedback/{article.pk}/", {"helpful": "no"}, HTTP_X_REQUESTED_WITH="fetch"
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert 'data-kb-feedback' in html and 'name="reason"' in html
        assert 'aria-pressed="true"' in html


class TestWhatTakesFeedback:
    def test_faq_entries_are_voted_on_separately(self, client, home_pages):
        category = factories.category()
        faq = factories.faq_page(category, questions=[
            ("Kan ik achteraf betalen?", "<p>Ja.</p>"), ("Wat kost verzending?", "<p>Niets.</p>")
        ])
        vote(client, faq, "yes", entry="kan-ik-achteraf-betalen")
        vote(client, faq, "no", entry="wat-kost-verzending")
        assert set(PageFeedback.objects.values_list("entry", "helpful")) == {
            ("kan-ik-achteraf-betalen", True), ("wat-kost-verzending", False)
        }

    def test_each_faq_entry_has_its_own_box_for_one_query(
        self, client, home_pages, django_assert_max_num_queries
    ):
        def queries_for(count):
            questions = [(f"Vraag {n}?", f"<p>Antwoord {n}.</p>") for n in range(count)]
            faq = factories.faq_page(category, title=f"FAQ {count}", questions=questions)
            client.get(faq.url)
            with CaptureQueriesContext(connection) as captured:
                html = client.get(faq.url).content.decode()
            assert html.count("data-kb-feedback") == count
            assert f'name="entry" value="vraag-{count - 1}"' in html
            return len(captured)

        category = factories.category()
        vote(client, factories.faq_page(category, title="Eerst"), "yes",
             entry="kan-ik-achteraf-betalen")
        assert queries_for(2) == queries_for(6)

    def test_entries_only_exist_on_faq_pages(self, article):
        with pytest.raises(ValidationError):
            feedback.record_feedback(page=article, visitor_key="v", helpful=True, entry="x")

    def test_category_pages_take_no_feedback(self, client, home_pages):
        category = factories.category()
        vote(client, category, "yes")
        assert not PageFeedback.objects.exists()

    def test_unpublished_pages_take_no_feedback(self, client, home_pages):
        draft = factories.article(factories.category())
        draft.unpublish()
        assert vote(client, draft, "yes").status_code == 404

    def test_a_yes_carries_no_reason_even_if_sent(self, article):
        saved = feedback.record_feedback(
            page=article, visitor_key="v", helpful=True, reason="unclear", comment="?"
        )
        assert (saved.reason, saved.comment) == ("", "")


class TestRateLimit:
    def test_a_visitor_is_slowed_down_with_a_friendly_message(self, client, article):
        limit = feedback.VISITOR_RATE[0]
        for _ in range(limit):
            assert vote(client, article, "yes").status_code == 302
        response = client.post(
            f"/nl/feedback/{article.pk}/", {"helpful": "no", "next": article.url}, follow=True
        )
        assert "Probeer het later nog eens." in response.content.decode()
        assert PageFeedback.objects.get().helpful is True

    def test_dropping_the_cookie_does_not_lift_the_limit(self, article):
        limit = feedback.ADDRESS_RATE[0]
        for _ in range(limit):
            vote(Client(), article, "yes")
        response = Client().post(
            f"/nl/feedback/{article.pk}/", {"helpful": "no"}, HTTP_X_REQUESTED_WITH="fetch"
        )
        assert response.status_code == 429
        assert PageFeedback.objects.count() == limit


class TestHelpfulnessReport:
    def test_editors_see_pages_least_helpful_first_with_the_comments(self, client, article):
        category = article.get_parent()
        good = factories.article(category, title="Retourlabel printen", slug="retourlabel")
        vote(Client(), article, "no", reason="incomplete", comment="Waar vind ik het retouradres?")
        vote(Client(), article, "no", reason="outdated")
        vote(Client(), article, "yes")
        vote(Client(), good, "yes")

        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.get("/admin/reports/helpfulness/")
        html = response.content.decode()
        assert response.status_code == 200
        assert html.index("Je pakket retourneren") < html.index("Retourlabel printen")
        assert "33%" in html and "100%" in html
        assert "Waar vind ik het retouradres?" in html
        assert "Het is verouderd of klopt niet: 1" in html

    def test_the_report_exports_a_spreadsheet(self, client, article):
        vote(client, article, "no")
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.get("/admin/reports/helpfulness/?export=csv")
        body = b"".join(response.streaming_content).decode() if response.streaming else (
            response.content.decode()
        )
        assert "Je pakket retourneren" in body

    def test_shoppers_cannot_open_the_report(self, client, article):
        client.force_login(UserFactory())
        assert client.get("/admin/reports/helpfulness/").status_code in (302, 403)

    def test_the_report_costs_the_same_queries_for_many_pages(
        self, client, article, django_assert_max_num_queries
    ):
        category = article.get_parent()
        for number in range(6):
            page = factories.article(category, title=f"Artikel {number}", slug=f"artikel-{number}")
            vote(Client(), page, "no", reason="unclear", comment=f"Onduidelijk {number}")
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        client.get("/admin/reports/helpfulness/")
        with django_assert_max_num_queries(20):
            client.get("/admin/reports/helpfulness/")
