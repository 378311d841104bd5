"""Small realistic help-centre and community content for the search tests."""

from wagtail.models import Locale

from community.models import Answer, PostStatus, Question
from kb.models import ArticlePage, CategoryPage, FaqPage
from tests.factories import UserFactory


def category(home, title="Retourneren", **kwargs) -> CategoryPage:
    page = home.add_child(instance=CategoryPage(title=title, **kwargs))
    page.save_revision().publish()
    return page


def article(parent, title, text, *, intro="", tags=(), publish=True) -> ArticlePage:
    page = ArticlePage(
        title=title, intro=intro,
        body=[("rich_text", f"<p>{text}</p>")],
        live=False,
    )
    parent.add_child(instance=page)
    for tag in tags:
        page.tags.add(tag)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ArticlePage.objects.get(pk=page.pk)


def faq(parent, title, entries) -> FaqPage:
    page = FaqPage(title=title, body=[("question", {"question": q, "answer": f"<p>{a}</p>"})
                                      for q, a in entries], live=False)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return FaqPage.objects.get(pk=page.pk)


def question(title, body, *, answer=None, locale="nl", verified=False, accepted=False,
             score=0, visibility=PostStatus.PUBLISHED, author=None) -> Question:
    asker = author or UserFactory()
    q = Question.objects.create(title=title, slug="vraag", body=body, body_html=body,
                                author=asker, locale=locale, visibility=visibility)
    if answer:
        Answer.objects.create(question=q, author=UserFactory(), body=answer, body_html=answer,
                              is_verified=verified, is_accepted=accepted, score=score)
    return q


def english_home(home):
    return home.get_translations().get(locale=Locale.objects.get(language_code="en")).specific
