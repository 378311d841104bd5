"""Community questions in the index: published, with at least one published answer; the best
answer (verified, then accepted, then highest score) is indexed with its question."""

import math

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from ..registry import Document, IndexableType, register


def _question_of_vote(vote):
    if vote.question_id:
        return vote.question_id
    from community.models import Answer

    return Answer.objects.filter(pk=vote.answer_id).values_list("question_id", flat=True).first()


def answer_boost(answer, question) -> float:
    """Verified answers first, then accepted ones; score adds a little, logarithmically."""
    boost = 1.5 if answer.is_verified else 1.3 if answer.is_accepted else 1.0
    votes = max(answer.score, 0) + max(question.score, 0)
    return round(boost * (1 + 0.1 * math.log1p(votes)), 4)


@register
class QuestionType(IndexableType):
    name = "question"
    label = _("Community")
    model = "community.Question"
    watched = {
        "community.Answer": lambda answer: answer.question_id,
        "community.Vote": _question_of_vote,
    }

    def get_queryset(self):
        from community.models import Answer, PostStatus, Question

        published = Answer.objects.filter(visibility=PostStatus.PUBLISHED)
        return (
            Question.objects.filter(visibility=PostStatus.PUBLISHED)
            .exclude(close_reason__in=["spam", "off_topic"])
            .filter(Exists(published.filter(question=OuterRef("pk"))))
            .select_related("product")
            .prefetch_related("tags", Prefetch("answers", queryset=published, to_attr="shown"))
        )

    def documents(self, question) -> list[Document]:
        best = question.shown[0]  # Answer.Meta.ordering puts the best first
        group = self.group_key(question.pk)
        return [
            Document(
                key=group, group=group, type=self.name, language=question.locale,
                title=question.title, url=f"{question.get_absolute_url()}#answer-{best.pk}",
                summary=" ".join(question.body.split())[:300],
                body=" ".join(best.body.split()),
                tags=tuple(sorted(t.name for t in question.tags.all())),
                product=question.product.name if question.product else "",
                boost=answer_boost(best, question),
                extra={"answer": best.pk, "verified": best.is_verified,
                       "accepted": best.is_accepted},
            )
        ]
