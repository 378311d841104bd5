"""Community questions in the index: published, with at least one published answer; the best
answer (verified, then accepted, then highest score) is indexed with its question."""

import math

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from ..registry import Document, IndexableType, register
from . import html_to_text


def _question_of_vote(vote):
    if vote.question_id:
        return vote.question_id
    from community.models import Answer

    return Answer.objects.filter(pk=vote.answer_id).values_list("question_id", flat=True).first()


# An answer that may be out of date (community's AnswerFreshness) weighs this much less until
# someone re-verifies it: below a plain current answer, whatever its marks and votes.
OUTDATED_FACTOR = 0.4


def is_outdated(answer) -> bool:
    return bool(getattr(getattr(answer, "freshness", None), "is_outdated", False))


def answer_boost(answer, question) -> float:
    """Verified answers first, then accepted ones; score adds a little, logarithmically.
    Possibly outdated answers count for much less."""
    boost = 1.5 if answer.is_verified else 1.3 if answer.is_accepted else 1.0
    votes = max(answer.score, 0) + max(question.score, 0)
    if is_outdated(answer):
        boost *= OUTDATED_FACTOR
    return round(boost * (1 + 0.1 * math.log1p(votes)), 4)


@register
class QuestionType(IndexableType):
    name = "question"
    label = _("Community")
    model = "community.Question"
    watched = {
        "community.Answer": lambda answer: answer.question_id,
        "community.Vote": _question_of_vote,
        # A question closed as a duplicate lends its title to the question it duplicates.
        "community.Question": lambda question: question.duplicate_of_id,
    }

    def get_queryset(self):
        from community.models import Answer, PostStatus, Question

        published = Answer.objects.filter(visibility=PostStatus.PUBLISHED).select_related(
            "freshness"
        )
        return (
            Question.objects.filter(visibility=PostStatus.PUBLISHED)
            .exclude(close_reason__in=["spam", "off_topic"])
            .filter(Exists(published.filter(question=OuterRef("pk"))))
            .select_related("product")
            .prefetch_related("tags", Prefetch("answers", queryset=published, to_attr="shown"),
                              Prefetch("duplicates", to_attr="duplicate_questions",
                                       queryset=Question.objects.filter(
                                           visibility=PostStatus.PUBLISHED)))
        )

    def documents(self, question) -> list[Document]:
        best = question.shown[0]  # Answer.Meta.ordering puts the best first
        group = self.group_key(question.pk)
        return [
            Document(
                key=group, group=group, type=self.name, language=question.locale,
                title=question.title, url=f"{question.get_absolute_url()}#answer-{best.pk}",
                # What a reader sees (the rendered post); rows saved without it (imports,
                # old data) fall back to their Markdown source.
                summary=(html_to_text(question.body_html) or question.body)[:300],
                body=html_to_text(best.body_html) or best.body,
                tags=tuple(sorted(t.name for t in question.tags.all())),
                product=question.product.name if question.product else "",
                boost=answer_boost(best, question),
                # Only outdated answers carry the key, so the other documents' digests stay.
                extra={"answer": best.pk, "verified": best.is_verified,
                       "accepted": best.is_accepted} | ({"outdated": True} if is_outdated(best)
                                                       else {}),
                phrasings=tuple(sorted(d.title for d in question.duplicate_questions)),
            )
        ]
