"""Turning a solved question into a knowledge-base draft (kb.services.create_article_draft)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from gamification import rules as reasons
from gamification import services as gamification
from kb import services as kb_services

from ..markdown import render
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


_HOW_NL = re.compile(r"^hoe\s+(\w+)\s+(?:ik|je|jij|u)\s+(.+?)[\s?!.]*$", re.IGNORECASE)
_HOW_WORKS_NL = re.compile(r"^hoe\s+(werkt|werken)\s+(.+?)[\s?!.]*$", re.IGNORECASE)
_HOW_EN = re.compile(
    r"^how\s+(?:do|can|should|could|would|must)\s+(?:i|you|we)\s+(.+?)[\s?!.]*$",
    re.IGNORECASE,
)
_HOW_TO_EN = re.compile(r"^how\s+to\s+(.+?)[\s?!.]*$", re.IGNORECASE)
# "Hoe kan ik" becomes "Zo kun je"; other verbs keep their form after "je".
_NL_VERB_WITH_JE = {"kan": "kun", "wil": "wil"}
_NL_OWN_WORDS = {"ik": "je", "mijn": "je", "me": "je", "mij": "je", "mezelf": "jezelf",
                 "u": "je", "uw": "je"}
_EN_OWN_WORDS = {"my": "your", "i": "you", "me": "you", "myself": "yourself"}
_LIST_ITEM = re.compile(r"^\s{0,3}(?:\d{1,3}[.)]|[-*+])\s+(.+)$")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?:])\s+(.+)$", re.DOTALL)


def article_title(question_title: str) -> str:
    """A how-question as the task it asks about ("Zo kun je …", "How to …"); any other
    question stays as it is."""
    title = question_title.strip()
    if match := _HOW_NL.match(title):
        verb = match.group(1).lower()
        return f"Zo {_NL_VERB_WITH_JE.get(verb, verb)} je {_own(match.group(2), _NL_OWN_WORDS)}"
    if match := _HOW_WORKS_NL.match(title):
        return f"Zo {match.group(1).lower()} {match.group(2)}"
    if match := _HOW_EN.match(title) or _HOW_TO_EN.match(title):
        return f"How to {_own(match.group(1), _EN_OWN_WORDS)}"
    return title


def _own(text: str, words: dict[str, str]) -> str:
    """The asker's own words ("mijn", "my") addressed to the reader ("je", "your")."""
    return re.sub(r"\b\w+\b", lambda m: words.get(m.group(0).lower(), m.group(0)), text)


def answer_section(markdown: str, html: str) -> "kb_services.DraftSection":
    """The answer as steps when it has list items (text around them kept) or several lines;
    otherwise as it was written. Call with the question's language active."""
    lines = [line for line in (markdown or "").splitlines() if line.strip()]
    if "```" in (markdown or "") or not lines:
        return kb_services.DraftSection(heading=_("The answer"), html=html)
    items = [n for n, line in enumerate(lines) if _LIST_ITEM.match(line)]
    if len(items) >= 2:
        first, last = items[0], items[-1]
        steps = [_LIST_ITEM.match(line).group(1) for line in lines[first:last + 1]
                 if _LIST_ITEM.match(line)]
        before, after = lines[:first], lines[last + 1:]
    elif len(lines) >= 2:
        steps, before, after = lines, [], []
    else:
        return kb_services.DraftSection(heading=_("The answer"), html=html)
    return kb_services.DraftSection(
        heading=_("Step by step"),
        html=_markdown_html("\n".join(before)),
        steps=[_step(text) for text in steps],
        after_html=_markdown_html("\n".join(after)),
    )


def _step(markdown: str) -> tuple[str, str]:
    """(title, explanation HTML): the first sentence as plain text, the rest as HTML. A first
    sentence with a link keeps the whole item as explanation so the link is not lost."""
    match = _FIRST_SENTENCE.match(markdown.strip())
    head, rest = (match.group(1), match.group(2)) if match else (markdown.strip(), "")
    head_html = _markdown_html(head)
    if "<a " in head_html:
        return strip_tags(head_html).strip(), _markdown_html(markdown)
    return strip_tags(head_html).strip(), _markdown_html(rest) if rest else ""


def _markdown_html(markdown: str) -> str:
    return render(markdown).html if markdown.strip() else ""


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def promote_to_article(
    *, question: Question, by, category, answer: Answer | None = None, source_url: str = ""
):
    """Create an unpublished kb ArticlePage in `category` from `question` and its best (or the
    given) answer, crediting the answer's author; the question remembers the draft and shows
    it once it is live. Records ANSWER_PROMOTED for the author; logged in the audit log.

    The draft reads as an article, not a thread: a how-question's title becomes a task
    ("Hoe kan ik mijn adres wijzigen?" → "Zo kun je je adres wijzigen"), the question is the
    context, and an answer with list items (or several lines) becomes numbered steps. The
    article's source is the question."""
    require_moderator(by)
    answer = answer or best_answer(question)
    if answer is None or answer.question_id != question.pk:
        raise ValidationError(_("Only a question with an answer can become an article."))
    credit = answer.author.public_name
    with translation.override(question.locale):
        sections = [
            kb_services.DraftSection(heading=_("The question"),
                                     html=question.body_html or f"<p>{question.title}</p>"),
            answer_section(answer.body, answer.body_html),
        ]
    article = kb_services.create_article_draft(
        title=article_title(question.title),
        sections=sections,
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
    # The log shows the draft's title: readable in any language, and the editors' name for it.
    log_action(by=by, action="promote", question=question, answer=answer, reason=article.title)
    return article
