"""Reads that community pages need. Each page read costs a fixed number of queries, whatever
the number of answers, comments or votes (tests pin the numbers)."""

import difflib
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from taggit.models import Tag

from gamification import privileges

from .models import (
    Answer,
    Comment,
    Flag,
    ModerationAction,
    Notification,
    PostStatus,
    Question,
    Revision,
    Subscription,
    User,
    Vote,
)
from .roles import is_moderator


def public_profile(*, username: str) -> User:
    """The active member with this username, or Http404. One query."""
    return get_object_or_404(User.objects.filter(is_active=True), username=username)


def members() -> QuerySet[User]:
    """Active members, newest first, for the members directory."""
    return User.objects.filter(is_active=True).order_by("-date_joined", "-pk")


SORTS = {
    "newest": ("-is_pinned", "-created_at", "-pk"),
    "active": ("-is_pinned", "-last_activity_at", "-pk"),
    "unanswered": ("-is_pinned", "-created_at", "-pk"),
    "votes": ("-is_pinned", "-score", "-created_at", "-pk"),
}


def question_list(
    *,
    language: str,
    sort: str = "newest",
    tag: str = "",
    product: str = "",
    status: str = "",
) -> QuerySet[Question]:
    """Visible questions in `language` for the list pages, sorted by a SORTS key (pinned
    first), filtered by tag slug, product slug and status. Authors and tags are fetched with
    the page (2 queries per page besides the count)."""
    questions = Question.objects.visible().in_language(language)
    if sort == "unanswered":
        questions = questions.unanswered()
    if tag:
        questions = questions.filter(tags__slug=tag)
    if product and hasattr(Question, "product"):
        questions = questions.filter(product__slug=product)
    if status in Question.Status.values:
        questions = questions.filter(status=status)
    return (
        questions.select_related("author")
        .prefetch_related("tags")
        .order_by(*SORTS.get(sort, SORTS["newest"]))
    )


def popular_tags(*, language: str, limit: int = 20) -> list["TagCount"]:
    """The most used tags on visible questions in `language`, most used first. One query."""
    rows = (
        Question.objects.visible()
        .in_language(language)
        .exclude(tags__slug=None)
        .values("tags__slug", "tags__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tags__name")[:limit]
    )
    return [TagCount(r["tags__slug"], r["tags__name"], r["n"]) for r in rows]


def tag(*, slug: str) -> Tag:
    return get_object_or_404(Tag, slug=slug)


@dataclass
class TagCount:
    slug: str
    name: str
    num_questions: int


@dataclass
class QuestionPage:
    """Everything the question page shows. `answers` carry `.comment_list` and `.my_vote`;
    the question carries the same."""

    question: Question
    answers: list[Answer]
    comments: list[Comment]
    my_votes: dict = field(default_factory=dict)
    following: bool = False
    related: list[Question] = field(default_factory=list)


def question_page(*, pk: int, viewer) -> QuestionPage:
    """The question `pk` with its visible answers (verified, accepted, then by score), all
    comments and the viewer's own votes. Moderators and the author also get pending posts.
    A fixed number of queries: question, tags, images, answers, their images, comments,
    votes, subscription."""
    question = get_object_or_404(
        Question.objects.select_related(
            "author", "product", "duplicate_of", "kb_article"
        ).prefetch_related("tags", "images"),
        pk=pk,
    )
    moderator = is_moderator(viewer)
    visible = Q(visibility=PostStatus.PUBLISHED)
    if viewer.is_authenticated:
        visible |= Q(author=viewer, visibility=PostStatus.PENDING)
    if moderator:
        visible = Q()
    answers = list(
        question.answers.filter(visible)
        .select_related("author", "verified_by")
        .prefetch_related("images")
    )
    comments = list(
        Comment.objects.filter(Q(question=question) | Q(answer__question=question))
        .filter(visible)
        .select_related("author")
    )
    by_answer: dict[int, list[Comment]] = {}
    question.comment_list = []
    for comment in comments:
        target = (
            by_answer.setdefault(comment.answer_id, [])
            if comment.answer_id
            else (question.comment_list)
        )
        target.append(comment)
    for answer in answers:
        answer.comment_list = by_answer.get(answer.pk, [])
        answer.question = question
    page = QuestionPage(question=question, answers=answers, comments=comments)
    if viewer.is_authenticated:
        votes = (
            Vote.objects.filter(user=viewer)
            .filter(Q(question=question) | Q(answer__question=question))
            .values_list("question_id", "answer_id", "value")
        )
        page.my_votes = {("q", q) if q else ("a", a): v for q, a, v in votes}
        page.following = Subscription.objects.filter(
            user=viewer, target=Subscription.Target.QUESTION, question=question
        ).exists()
    question.my_vote = page.my_votes.get(("q", question.pk), 0)
    for answer in answers:
        answer.my_vote = page.my_votes.get(("a", answer.pk), 0)
    return page


def revisions(*, post) -> list[Revision]:
    """All revisions of a question or answer, oldest first, with their authors."""
    lookup = {"question": post} if isinstance(post, Question) else {"answer": post}
    return list(Revision.objects.filter(**lookup).select_related("author"))


def review_queue() -> dict:
    """Open flags (grouped per post) and posts waiting for approval, oldest first."""
    flags = list(
        Flag.objects.filter(state=Flag.State.OPEN).select_related(
            "reporter", "question", "answer__question", "duplicate_of"
        )
    )
    pending_questions = list(
        Question.objects.filter(visibility=PostStatus.PENDING)
        .select_related("author")
        .order_by("created_at")
    )
    pending_answers = list(
        Answer.objects.filter(visibility=PostStatus.PENDING)
        .select_related("author", "question")
        .order_by("created_at")
    )
    return {
        "flags": flags,
        "pending_questions": pending_questions,
        "pending_answers": pending_answers,
    }


def audit_log() -> QuerySet[ModerationAction]:
    return ModerationAction.objects.select_related("moderator", "question", "member")


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def sitemap_questions() -> QuerySet[Question]:
    """Public, non-duplicate questions for the sitemap."""
    return Question.objects.visible().filter(duplicate_of__isnull=True).order_by("pk")


@dataclass
class Ability:
    allowed: bool
    hint: str = ""


def abilities(user) -> dict[str, Ability]:
    """What the viewer may do on question pages, asked of gamification once per request, with
    the tooltip for what they can't do yet ("Unlocks at 125 reputation"). At most 2 queries
    (reputation, moderator group), both cached on the user object."""
    names = {
        "vote_up": privileges.VOTE_UP,
        "vote_down": privileges.VOTE_DOWN,
        "comment_everywhere": privileges.COMMENT_EVERYWHERE,
        "flag": privileges.FLAG,
        "edit_others": privileges.EDIT_OTHERS_REVIEWED,
        "review": privileges.REVIEW_FIRST_POSTS,
    }
    result = {}
    for name, privilege in names.items():
        allowed = privileges.has_privilege(user, privilege)
        result[name] = Ability(allowed, "" if allowed else privileges.privilege_hint(privilege))
    result["moderate"] = Ability(is_moderator(user))
    return result


@dataclass
class RevisionDiff:
    revision: Revision
    title_changed: bool
    lines: list[tuple[str, str]]  # ("add" | "remove" | "same", text)


def revision_diffs(revisions: list[Revision]) -> list[RevisionDiff]:
    """Each revision with a line diff against the one before it, newest first (no queries)."""
    result, previous = [], None
    for revision in revisions:
        old = (previous.body if previous else "").splitlines()
        lines = []
        for line in difflib.ndiff(old, revision.body.splitlines()):
            code, text = line[:2], line[2:]
            if code == "? ":
                continue
            lines.append(({"+ ": "add", "- ": "remove"}.get(code, "same"), text))
        title_changed = previous is not None and previous.title != revision.title
        if revision.tags and previous is not None and previous.tags != revision.tags:
            lines.insert(0, ("add", f"[{revision.tags}]"))
        result.append(RevisionDiff(revision, title_changed, lines))
        previous = revision
    return list(reversed(result))
