"""Answers that stay true: a product edit or a material article change marks the answers that
rely on it "possibly outdated"; old verifications expire; moderators and customer service
re-verify or un-verify from the queue; every check is recorded."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services
from community.freshness import changed_words, is_material_change, link_paths
from community.models import Answer, AnswerFreshness, FreshnessCheck
from community.services import freshness
from community.tasks import SCHEDULE, expire_old_verifications
from gamification.privileges import CUSTOMER_SERVICE_GROUP
from tests.factories import UserFactory
from tests.kb import factories as kb

from .factories import answer, ask, member_with, moderator

pytestmark = pytest.mark.django_db

NOTICE_NL = "Mogelijk verouderd — gecontroleerd op"
NOTICE_EN = "Possibly out of date — checked on"
QUEUE = "/nl/vragen/opnieuw-controleren/"


def action(reply) -> str:
    return f"/nl/community/answer/{reply.pk}/re-verify/"


def customer_service():
    user = UserFactory(username="klantenservice")
    user.groups.add(Group.objects.get_or_create(name=CUSTOMER_SERVICE_GROUP)[0])
    return user


def verified_answer_about(product, *, title="Hoe ontkalk ik de Aroma 300?", by=None):
    question = ask(title=title, product=product)
    reply = answer(question, body="Gebruik elke drie maanden de ontkalkingstablet van Aroma.")
    services.verify_answer(answer=reply, by=by or moderator())
    return reply


def status_of(reply) -> str:
    row = AnswerFreshness.objects.filter(answer=reply).first()
    return row.status if row else "none"


def edit_product(client, product, **changes):
    """Save the product's edit form in the Wagtail admin as an editor would."""
    data = {
        "name": product.name, "slug": product.slug, "sku": product.sku,
        "category": product.category, "shop_url": product.shop_url,
        "price": "" if product.price is None else str(product.price), "policy": product.policy,
    } | changes
    if product.is_discontinued and "is_discontinued" not in changes:
        data["is_discontinued"] = "on"
    response = client.post(f"/admin/snippets/kb/product/edit/{product.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


class TestMaterialChange:
    @pytest.mark.parametrize("new", [
        "<p>Ontkalk  het apparaat\n elke drie maanden.</p>",  # whitespace
        "<p>Ontkalk het apparaat elke drie maanden!</p>",  # punctuation
        "<p>ONTKALK het apparaat elke drie maanden.</p>",  # case
        "<p>Ontkalk het aparaat elke drie maanden.</p>",  # a typo fixed the other way round
        "<h2>Ontkalk</h2><p>het apparaat elke drie maanden.</p>",  # markup only
    ])
    def test_whitespace_markup_and_typo_level_edits_are_not_material(self, new):
        assert not is_material_change("<p>Ontkalk het apparaat elke drie maanden.</p>", new)

    @pytest.mark.parametrize("new", [
        "<p>Ontkalk het apparaat elke zes maanden.</p>",  # another word
        "<p>Ontkalk het apparaat elke 6 maanden.</p>",  # a number
        "<p>Ontkalk het apparaat niet elke drie maanden.</p>",  # one word added
        "<p>Ontkalk het apparaat.</p>",  # words removed
    ])
    def test_changed_words_and_numbers_are_material(self, new):
        assert is_material_change("<p>Ontkalk het apparaat elke drie maanden.</p>", new)

    def test_changed_words_counts_each_real_change_once(self):
        assert changed_words("a b c d", "a x c d e") == 2

    def test_link_paths_reads_relative_and_absolute_links(self):
        html = ('<a href="/nl/help/ontkalken">x</a> <a href="https://example.com/nl/a/?q=1#b">y'
                '</a> <a href="mailto:x@example.com">z</a>')
        assert link_paths(html) == {"/nl/help/ontkalken/", "/nl/a/", "x@example.com/"}


class TestProductChanges:
    def test_a_price_change_in_the_admin_marks_the_products_answers(self, client, home_pages):
        product = kb.product()
        reply = verified_answer_about(product)
        plain = answer(reply.question, body="Ik gebruik gewoon azijn, werkt prima.")
        elsewhere = verified_answer_about(kb.product(name="Waterkoker", slug="wk", sku="WK-1"),
                                          title="Waterkoker ontkalken?")
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        edit_product(client, product, price="89.95")
        assert status_of(reply) == status_of(plain) == AnswerFreshness.Status.RECHECK
        assert status_of(elsewhere) == AnswerFreshness.Status.CURRENT
        row = AnswerFreshness.objects.get(answer=reply)
        assert row.reason == "product" and row.detail == product.name
        assert FreshnessCheck.objects.filter(answer=reply, action="flagged").count() == 1

    @pytest.mark.parametrize("changes", [
        {"is_discontinued": "on"}, {"name": "Aroma 300 Plus"},
        {"policy": "Twee jaar garantie, 30 dagen retour."},
    ])
    def test_discontinued_new_model_and_policy_edits_count(self, client, home_pages, changes):
        product = kb.product()
        reply = verified_answer_about(product)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        edit_product(client, product, **changes)
        assert status_of(reply) == AnswerFreshness.Status.RECHECK

    def test_the_product_page_says_a_discontinued_product_is_no_longer_sold(
        self, client, home_pages
    ):
        product = kb.product(is_discontinued=True)
        text = client.get(product.get_absolute_url()).content.decode()
        assert "Niet meer leverbaar in de webshop" in text

    def test_saving_without_material_change_marks_nothing(self, client, home_pages):
        product = kb.product()
        reply = verified_answer_about(product)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        edit_product(client, product)  # saved unchanged
        edit_product(client, product, slug="aroma-300-zwart", category="Koffie")
        assert status_of(reply) == AnswerFreshness.Status.CURRENT

    def test_a_second_change_does_not_mark_twice(self, client, home_pages):
        product = kb.product()
        reply = verified_answer_about(product)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        edit_product(client, product, price="89.95")
        product.refresh_from_db()
        edit_product(client, product, price="79.95")
        assert FreshnessCheck.objects.filter(answer=reply, action="flagged").count() == 1


class TestArticleChanges:
    def setup_article(self, body="<p>Ontkalk het apparaat elke drie maanden met tabletten.</p>"):
        category = kb.category(title="Onderhoud")
        article = kb.article(category, title="Ontkalken", body=[("rich_text", body)])
        question = ask(title="Hoe vaak moet ik ontkalken?")
        linking = services.post_answer(
            author=member_with(200), question=question,
            body=f"Zie [het artikel]({article.url}) in het helpcentrum.",
        )
        other = services.post_answer(
            author=member_with(200), question=question,
            body=f"Zie ook [de onderhoudspagina]({category.url}).",
        )
        return article, linking, other

    def republish(self, article, *, body=None, title=None):
        if body is not None:
            article.body = [("rich_text", body)]
        if title is not None:
            article.title = title
        article.save_revision().publish()

    def test_a_material_change_marks_only_the_answers_linking_to_the_article(self, home_pages):
        article, linking, other = self.setup_article()
        self.republish(article, body="<p>Ontkalk het apparaat elke zes weken met azijn.</p>")
        assert status_of(linking) == AnswerFreshness.Status.RECHECK
        assert status_of(other) == "none"
        assert AnswerFreshness.objects.get(answer=linking).detail == "Ontkalken"

    def test_title_only_and_typo_level_republishing_marks_nothing(self, home_pages):
        article, linking, _other = self.setup_article()
        self.republish(article, title="Ontkalken: zo doe je het")
        self.republish(article, body="<p>Ontkalk het aparaat elke drie maanden met tabletten.</p>")
        self.republish(article, body="<p>Ontkalk het apparaat  elke drie maanden, met tabletten!")
        assert status_of(linking) == "none"

    def test_draft_revisions_in_between_are_compared_with_the_live_one(self, home_pages):
        article, linking, _other = self.setup_article()
        article.body = [("rich_text", "<p>Ontkalk het apparaat elke zes weken.</p>")]
        article.save_revision()  # a draft, never published
        self.republish(article, body="<p>Ontkalk het apparaat elke drie maanden met tabletten.</p>")
        assert status_of(linking) == "none"


class TestExpiry:
    def test_old_verifications_enter_the_queue_once(self, settings):
        settings.COMMUNITY_VERIFICATION_MAX_AGE_DAYS = 365
        old = verified_answer_about(None, title="Oude vraag over retourneren")
        fresh = verified_answer_about(None, title="Nieuwe vraag over retourneren")
        AnswerFreshness.objects.filter(answer=old).update(
            checked_at=timezone.now() - timedelta(days=400)
        )
        assert expire_old_verifications() == 1
        assert expire_old_verifications() == 0
        assert status_of(old) == AnswerFreshness.Status.RECHECK
        assert status_of(fresh) == AnswerFreshness.Status.CURRENT
        assert AnswerFreshness.objects.get(answer=old).reason == "expired"
        assert FreshnessCheck.objects.filter(answer=old, action="flagged").count() == 1

    def test_answers_verified_before_checks_were_recorded_expire_by_their_age(self, settings):
        reply = verified_answer_about(None)
        AnswerFreshness.objects.all().delete()
        Answer.objects.filter(pk=reply.pk).update(created_at=timezone.now() - timedelta(days=500))
        assert freshness.expire_verifications() == 1

    def test_the_setting_moves_the_deadline_and_zero_turns_it_off(self, settings):
        reply = verified_answer_about(None)
        AnswerFreshness.objects.update(checked_at=timezone.now() - timedelta(days=40))
        settings.COMMUNITY_VERIFICATION_MAX_AGE_DAYS = 0
        assert expire_old_verifications() == 0
        settings.COMMUNITY_VERIFICATION_MAX_AGE_DAYS = 30
        assert expire_old_verifications() == 1 and status_of(reply) == "recheck"

    def test_marking_costs_the_same_queries_for_two_answers_or_many(self):
        few = [verified_answer_about(None, title=f"Vraag {n} over retourneren") for n in range(2)]
        many = [verified_answer_about(None, title=f"Vraag {n} over ruilen") for n in range(7)]
        # Each set mixes answers never checked (no row yet) and verified ones (a row).
        AnswerFreshness.objects.filter(answer__in=[few[0], many[0], many[1]]).delete()
        counts = []
        for replies in (few, many):
            with CaptureQueriesContext(connection) as queries:
                marked = freshness.mark_possibly_outdated(
                    answers=Answer.objects.filter(pk__in=[r.pk for r in replies]),
                    reason="expired",
                )
            assert marked == len(replies)
            counts.append(len(queries))
        assert counts[0] == counts[1]

    def test_the_job_is_scheduled(self):
        assert any(func is expire_old_verifications for _name, _every, func in SCHEDULE)


def flagged(count=1, *, product=None):
    replies = []
    for n in range(count):
        reply = verified_answer_about(product, title=f"Vraag {n} over het ontkalken")
        replies.append(reply)
    freshness.mark_possibly_outdated(
        answers=Answer.objects.filter(pk__in=[r.pk for r in replies]), reason="product",
        detail="Aroma 300",
    )
    return replies


class TestQueue:
    def test_shoppers_and_visitors_cannot_see_or_work_the_queue(self, client):
        [reply] = flagged()
        assert client.get(QUEUE).status_code == 302  # to the log-in page
        client.force_login(member_with(5000))
        assert client.get(QUEUE).status_code == 403
        response = client.post(action(reply), {"decision": "verify"})
        assert response.status_code == 403
        assert status_of(reply) == AnswerFreshness.Status.RECHECK

    def test_customer_service_reverifies_and_the_check_is_recorded(self, client):
        [reply] = flagged()
        staff = customer_service()
        client.force_login(staff)
        page = client.get(QUEUE).content.decode()
        assert "(1)" in page and "Vraag 0 over het ontkalken" in page and "Aroma 300" in page
        response = client.post(action(reply),
                               {"decision": "verify", "next": QUEUE})
        assert response.status_code == 302 and response["Location"] == QUEUE
        row = AnswerFreshness.objects.get(answer=reply)
        assert row.status == "current" and row.checked_by == staff
        check = FreshnessCheck.objects.filter(answer=reply).first()
        assert (check.action, check.by) == ("reverified", staff)
        assert "Niets opnieuw te controleren" in client.get(QUEUE).content.decode()

    def test_unverify_removes_the_mark_keeps_the_notice_and_leaves_the_queue(self, client):
        [reply] = flagged()
        mod = moderator()
        client.force_login(mod)
        client.post(action(reply), {"decision": "unverify"})
        reply.refresh_from_db()
        assert not reply.is_verified and status_of(reply) == AnswerFreshness.Status.OUTDATED
        assert reply.question.get_absolute_url() not in client.get(QUEUE).content.decode()
        assert NOTICE_NL in client.get(reply.question.get_absolute_url()).content.decode()
        actions = list(FreshnessCheck.objects.filter(answer=reply).values_list("action", "by"))
        assert ("unverified", mod.pk) in actions

    def test_the_queue_links_to_edit_and_pages(self, client):
        replies = flagged(21)
        client.force_login(customer_service())
        first = client.get(QUEUE).content.decode()
        assert "(21)" in first and f"/nl/antwoorden/{replies[0].pk}/bewerken/" in first
        assert first.count('class="card review-card"') == 20
        assert client.get(f"{QUEUE}?page=2").content.decode().count('class="card review-card"') == 1

    def test_the_back_office_menu_links_to_the_queue_with_its_size(self, client):
        flagged(2)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        assert "Opnieuw controleren (2)" in client.get("/admin/").content.decode()

    def test_the_queue_costs_the_same_queries_for_one_or_many(self, client):
        flagged(1)
        client.force_login(customer_service())
        client.get(QUEUE)
        with CaptureQueriesContext(connection) as one:
            client.get(QUEUE)
        flagged(8)
        with CaptureQueriesContext(connection) as nine:
            client.get(QUEUE)
        assert len(nine) == len(one)


class TestNotice:
    def test_the_notice_shows_with_the_check_date_and_goes_after_reverifying(self, client):
        [reply] = flagged()
        url = reply.question.get_absolute_url()
        page = client.get(url).content.decode()
        assert NOTICE_NL in page and "Het product “Aroma 300” is veranderd" in page
        services.reverify_answer(answer=reply, by=customer_service())
        assert NOTICE_NL not in client.get(url).content.decode()

    def test_the_notice_in_english(self, client):
        question = ask(title="How do I descale my coffee maker?", locale="en")
        reply = answer(question, body="Use a descaling tablet every three months.")
        freshness.mark_possibly_outdated(answers=Answer.objects.filter(pk=reply.pk),
                                         reason="expired")
        assert NOTICE_EN in client.get(question.get_absolute_url()).content.decode()

    def test_verifying_again_on_the_question_page_clears_the_mark(self, client):
        [reply] = flagged()
        client.force_login(moderator())
        url = reply.question.get_absolute_url()
        assert "Opnieuw bevestigen" in client.get(url).content.decode()
        client.post(action(reply),
                    {"decision": "verify", "next": url})
        assert NOTICE_NL not in client.get(url).content.decode()

    def test_marks_cost_the_question_page_no_extra_query(self, client):
        question = ask(title="Vraag met oude antwoorden")
        replies = [answer(question, body=f"Antwoord nummer {n} met genoeg tekst.")
                   for n in range(3)]
        client.get(question.get_absolute_url())
        with CaptureQueriesContext(connection) as unmarked:
            client.get(question.get_absolute_url())
        freshness.mark_possibly_outdated(
            answers=Answer.objects.filter(pk__in=[r.pk for r in replies]), reason="expired"
        )
        with CaptureQueriesContext(connection) as marked:
            page = client.get(question.get_absolute_url()).content.decode()
        assert page.count(NOTICE_NL) == 3
        assert len(marked) == len(unmarked)
