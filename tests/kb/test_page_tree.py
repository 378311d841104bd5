"""The help-centre page tree: which page type may live where, and every type renders,
edits and previews through Wagtail's own views."""

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kb.demo import seed_home_pages
from kb.models import (
    ArticlePage,
    CategoryPage,
    FaqPage,
    HomePage,
    ServicePromisePage,
    VideoPage,
)

from . import factories


class PageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = seed_home_pages()
        cls.category = factories.category(cls.home, title="Betalen")
        cls.subcategory = factories.category(cls.category, title="Achteraf betalen")
        cls.article = factories.article(cls.subcategory, title="Betalen met Klarna")
        cls.faq = factories.faq_page(cls.category)
        cls.promise = ServicePromisePage(
            title="Onze servicebelofte",
            slug="onze-servicebelofte",
            brand_statement="Eerlijk, snel en met een glimlach.",
            value_proposition="<p>Morgen in huis.</p>",
            service_ambition="<p>Binnen een minuut je antwoord.</p>",
        )
        cls.home.add_child(instance=cls.promise)
        factories.publish(cls.promise)
        cls.admin = get_user_model().objects.create_superuser(
            username="beheer", email="beheer@example.nl", password="x"
        )

    def test_home_pages_sit_directly_under_the_tree_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_categories_faq_pages_and_the_service_promise(self):
        self.assertAllowedSubpageTypes(HomePage, {CategoryPage, FaqPage, ServicePromisePage})
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_categories_nest_and_hold_articles_faq_and_video_pages(self):
        self.assertAllowedParentPageTypes(CategoryPage, {HomePage, CategoryPage})
        self.assertAllowedSubpageTypes(
            CategoryPage, {CategoryPage, ArticlePage, FaqPage, VideoPage}
        )
        self.assertCanNotCreateAt(CategoryPage, ServicePromisePage)

    def test_articles_live_only_in_categories_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ArticlePage, {CategoryPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(Page, ArticlePage)

    def test_faq_and_service_promise_pages_are_leaves(self):
        self.assertAllowedParentPageTypes(FaqPage, {HomePage, CategoryPage})
        self.assertAllowedSubpageTypes(FaqPage, set())
        self.assertAllowedParentPageTypes(ServicePromisePage, {HomePage})
        self.assertAllowedSubpageTypes(ServicePromisePage, set())

    def test_only_one_service_promise_page_per_home_page(self):
        self.assertFalse(ServicePromisePage.can_create_at(self.home))

    def test_every_page_type_renders(self):
        for page in [
            self.home,
            self.category,
            self.subcategory,
            self.article,
            self.faq,
            self.promise,
        ]:
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRenderable(page)

    def test_every_page_type_is_editable_and_previewable(self):
        for page in [self.home, self.category, self.promise]:
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsEditable(page, user=self.admin)
                self.assertPageIsPreviewable(page, user=self.admin)

    def test_stream_pages_are_editable_and_previewable(self):
        # Stream fields are drawn by JavaScript, so the form data is spelled out here.
        article = nested_form_data(
            {
                "title": self.article.title,
                "slug": self.article.slug,
                "body": streamfield([("rich_text", rich_text("<p>Kies Klarna.</p>"))]),
            }
        )
        faq = nested_form_data(
            {
                "title": self.faq.title,
                "slug": self.faq.slug,
                "body": streamfield(
                    [("question", {"question": "Kan dat?", "answer": rich_text("<p>Ja.</p>")})]
                ),
            }
        )
        for page, data in [(self.article, article), (self.faq, faq)]:
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsEditable(page, post_data=data, user=self.admin)
                self.assertPageIsPreviewable(page, post_data=data, user=self.admin)

    def test_an_article_with_every_block_type_can_be_created_in_the_admin(self):
        self.client.force_login(self.admin)
        body = streamfield(
            [
                ("heading", {"text": "Zo werkt het", "level": "h2"}),
                ("rich_text", rich_text("<p>Kies Klarna bij het afrekenen.</p>")),
                ("callout", {"kind": "tip", "title": "", "text": rich_text("<p>Gratis.</p>")}),
                (
                    "steps",
                    {
                        "title": "",
                        "steps": streamfield(
                            [("item", {"title": "Kies Klarna", "text": rich_text("")})]
                        ),
                    },
                ),
            ]
        )
        data = nested_form_data(
            {"title": "Achteraf betalen", "slug": "achteraf-betalen", "body": body}
        )
        self.assertCanCreate(self.subcategory, ArticlePage, data)
        created = ArticlePage.objects.get(slug="achteraf-betalen")
        self.assertEqual(
            [block.block_type for block in created.body],
            ["heading", "rich_text", "callout", "steps"],
        )
