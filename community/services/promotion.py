"""Turning a solved question into a knowledge-base draft (kb.services.create_article_draft)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from gamification import rules as reasons
from gamification import services as gamification
from kb import services as kb_services

from ..models import Answer, Notification, PostStatus, Question
from . import notifications
from ._common import require_moderator, source_key
from .moderation import log_action
from .posts import question_facts


def best_answer(question: Question) -> Answer | None:
    """Verified first, then accepted, then the highest score."""
    return (
        question.answers.filter(visibility=PostStatus.PUBLISHED)
        .order_by("-is_verified", "-is_accepted", "-score", "created_at")
        .first()
    )


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def promote_to_article(
    *, question: Question, by, category, answer: Answer | None = None, source_url: str = ""
):
    """Create an unpublished kb ArticlePage in `category` from `question` and its best (or the
    given) answer, crediting the answer's author; the question remembers the draft and shows
    it once it is live. Records ANSWER_PROMOTED for the author; logged in the audit log."""
    require_moderator(by)
    answer = answer or best_answer(question)
    if answer is None or answer.question_id != question.pk:
        raise ValidationError(_("Only a question with an answer can become an article."))
    credit = answer.author.public_name
    body = (
        f"<h2>{escape(question.title)}</h2>{question.body_html}"
        f"<h2>{escape(_('Answer'))}</h2>{answer.body_html}"
    )
    article = kb_services.create_article_draft(
        title=question.title,
        body_html=body,
        category=category,
        locale_code=question.locale,
        credit=credit,
        source_url=source_url or _absolute(question.get_absolute_url()),
        by=by,
    )
    question.kb_article = article
    question.save(update_fields=["kb_article"])
    gamification.record(
        user=answer.author,
        reason=reasons.ANSWER_PROMOTED,
        source_key=source_key("promote", answer.pk),
        actor=by,
        facts=question_facts(question) | {"post": f"answer:{answer.pk}", "score": answer.score},
    )
    notifications.notify_many(
        recipients=[question.author, answer.author],
        kind=Notification.Kind.PROMOTED,
        actor=by,
        text=question.title,
        url=question.get_absolute_url(),
    )
    log_action(
        by=by, action="promote", question=question, answer=answer, reason=f"kb page #{article.pk}"
    )
    return article
