"""Reads that community pages need. Each page read costs a fixed number of queries, whatever
the number of answers, comments or votes (tests pin the numbers)."""

import difflib
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from taggit.models import Tag

from gamification import flair, privileges

from . import diffs
from .models import (
    Answer,
    AnswerFreshness,
    CloseVote,
    Comment,
    Flag,
    ModerationAction,
    Notification,
    PostStatus,
    Question,
    Revision,
    Subscription,
    SuggestedEdit,
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


POPULAR_TAGS_SECONDS = 300


def popular_tags(*, language: str, limit: int = 20) -> list["TagCount"]:
    """The most used tags on visible questions in `language`, most used first. One query,
    at most once per POPULAR_TAGS_SECONDS: it counts every visible question (about 80 ms at
    100,000 questions), and a sidebar of the most used tags may lag a few minutes."""

    def count():
        rows = (
            Question.objects.visible()
            .in_language(language)
            .exclude(tags__slug=None)
            .values("tags__slug", "tags__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "tags__name")[:limit]
        )
        return [TagCount(r["tags__slug"], r["tags__name"], r["n"]) for r in rows]

    return cache.get_or_set(
        f"community:popular-tags:{language}:{limit}", count, POPULAR_TAGS_SECONDS
    )


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
    flairs: dict = field(default_factory=dict)


def question_page(*, pk: int, viewer) -> QuestionPage:
    """The question `pk` with its visible answers (verified, accepted, then by score), all
    comments and the viewer's own votes. Moderators and the author also get pending posts.
    A fixed number of queries: question, tags, images, answers, their images, comments,
    the authors' flair (one), votes, subscription."""
    question = get_object_or_404(
        Question.objects.visible_to(viewer)
        .select_related("author", "product", "duplicate_of", "kb_article")
        .prefetch_related("tags", "images"),
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
        .select_related("author", "verified_by", "freshness")
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
    page.flairs = flairs(
        [question.author_id, *(a.author_id for a in answers), *(c.author_id for c in comments)]
    )
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


def flairs(user_ids) -> dict:
    """{user id: gamification.flair.Flair} for the authors on a page: one query however many.
    Logged-out visitors may get a cached page whose flair is up to PAGE_CACHE_SECONDS old
    (vraagbaak.page_cache); reputation changes do not purge pages, members see it live."""
    return flair.flair_for(user_ids)


def revisions(*, post) -> list[Revision]:
    """All revisions of a question or answer, oldest first, with their authors."""
    lookup = {"question": post} if isinstance(post, Question) else {"answer": post}
    return list(Revision.objects.filter(**lookup).select_related("author"))


@dataclass
class ReviewCard:
    """One post in the review queue: its open flags (if any) and who wrote it."""

    post: object
    kind: str  # "question" or "answer"
    flags: list = field(default_factory=list)
    author_facts: dict = field(default_factory=dict)

    @property
    def question(self):
        return self.post if self.kind == "question" else self.post.question


def review_queue() -> dict:
    """The review queue as cards, oldest first: one card per flagged post (its open flags
    grouped) and one per post waiting for approval, each with the author's context (account
    age, reputation, earlier flags and posts). A fixed number of queries (eight)."""
    post_related = ("question__author", "answer__author", "answer__question")
    flags = (
        Flag.objects.filter(state=Flag.State.OPEN)
        .select_related("reporter", "duplicate_of", *post_related)
        .prefetch_related("question__images", "answer__images")
    )
    cards: dict[tuple, ReviewCard] = {}
    for flag in flags:
        kind = "question" if flag.question_id else "answer"
        key = (kind, flag.question_id or flag.answer_id)
        cards.setdefault(key, ReviewCard(post=flag.post, kind=kind)).flags.append(flag)
    pending = [
        ReviewCard(post=post, kind="question")
        for post in Question.objects.filter(visibility=PostStatus.PENDING)
        .select_related("author")
        .prefetch_related("images")
        .order_by("created_at")
        if ("question", post.pk) not in cards
    ] + [
        ReviewCard(post=post, kind="answer")
        for post in Answer.objects.filter(visibility=PostStatus.PENDING)
        .select_related("author", "question")
        .prefetch_related("images")
        .order_by("created_at")
        if ("answer", post.pk) not in cards
    ]
    flagged = list(cards.values())
    _add_author_facts(flagged + pending)
    return {"flagged": flagged, "pending": pending}


def _add_author_facts(cards: list[ReviewCard]) -> None:
    from gamification.models import Reputation

    ids = {card.post.author_id for card in cards}
    if not ids:
        return
    reputation = dict(Reputation.objects.filter(user_id__in=ids).values_list("user_id", "total"))
    questions = _count_by_author(Question.objects.filter(author_id__in=ids))
    answers = _count_by_author(Answer.objects.filter(author_id__in=ids))
    upheld = Counter()
    for row in (
        Flag.objects.filter(state=Flag.State.UPHELD)
        .filter(Q(question__author_id__in=ids) | Q(answer__author_id__in=ids))
        .values("question__author_id", "answer__author_id")
    ):
        upheld[row["question__author_id"] or row["answer__author_id"]] += 1
    for card in cards:
        author = card.post.author
        card.author_facts = {
            "joined": author.date_joined,
            "reputation": reputation.get(author.pk, 1),
            "questions": questions.get(author.pk, 0),
            "answers": answers.get(author.pk, 0),
            "upheld_flags": upheld.get(author.pk, 0),
            "suspended": author.suspended_until is not None,
        }


def _count_by_author(queryset) -> dict:
    return dict(
        queryset.order_by()
        .values("author_id")
        .annotate(n=Count("pk"))
        .values_list("author_id", "n")
    )


def review_count() -> int:
    """How many cards the review queue shows: posts with open flags plus posts waiting for
    approval, in one query: the "Beoordelen (N)" menu entries show it on every page."""
    none = Value(None, output_field=IntegerField())
    flagged = (
        Flag.objects.filter(state=Flag.State.OPEN)
        .order_by()
        .values_list("question_id", "answer_id")
        .distinct()
    )
    questions = Question.objects.filter(visibility=PostStatus.PENDING).order_by()
    answers = Answer.objects.filter(visibility=PostStatus.PENDING).order_by()
    questions, answers = questions.values_list("pk", none), answers.values_list(none, "pk")
    return flagged.union(questions, answers, all=True).count()


def open_flag_counts(*, question) -> dict:
    """{"question": open flags on the question, "answers": {answer pk: open flags}}; one query."""
    counts = {"question": 0, "answers": {}}
    rows = (
        Flag.objects.filter(state=Flag.State.OPEN)
        .filter(Q(question=question) | Q(answer__question=question))
        .values_list("question_id", "answer_id")
    )
    for question_id, answer_id in rows:
        if question_id:
            counts["question"] += 1
        else:
            counts["answers"][answer_id] = counts["answers"].get(answer_id, 0) + 1
    return counts


def audit_log(*, action: str = "", moderator: str = "") -> QuerySet[ModerationAction]:
    """The moderation log, newest first, optionally only one verb or one moderator (by
    username). One query per page."""
    rows = ModerationAction.objects.select_related("moderator", "question", "member")
    if action:
        rows = rows.filter(action=action)
    if moderator:
        rows = rows.filter(moderator__username=moderator)
    return rows


def log_moderators() -> list:
    """Members who appear in the log as moderator, for the log's filter (one query)."""
    ids = ModerationAction.objects.values("moderator_id").distinct()
    return list(User.objects.filter(pk__in=ids).order_by("username"))


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
        "edit_direct": privileges.EDIT_WITHOUT_REVIEW,
        "close_vote": privileges.VOTE_CLOSE,
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


@dataclass
class SuggestionView:
    """A suggested edit with its diffs against the post as the suggester saw it."""

    suggestion: SuggestedEdit
    title_diff: tuple = ()
    body_diff: list = field(default_factory=list)
    tags_diff: tuple = ()
    stale: bool = False  # the post changed since the suggestion was made


def _suggestion_view(suggestion: SuggestedEdit) -> SuggestionView:
    post = suggestion.post
    view = SuggestionView(suggestion, body_diff=diffs.lines(suggestion.base_body, suggestion.body))
    if suggestion.question_id:
        if suggestion.title != suggestion.base_title:
            view.title_diff = diffs.words(suggestion.base_title, suggestion.title)
        if suggestion.tags != suggestion.base_tags:
            view.tags_diff = diffs.words(suggestion.base_tags, suggestion.tags)
    view.stale = suggestion.is_pending and post.body != suggestion.base_body
    return view


def _suggestions():
    return SuggestedEdit.objects.select_related(
        "author", "reviewer", "question", "answer__question"
    )


def suggested_edit_queue() -> list[SuggestionView]:
    """Pending suggested edits, oldest first, each with its diff. One query (the posts and
    people come along); the diffs are computed in Python."""
    return [_suggestion_view(s) for s in _suggestions().filter(state=SuggestedEdit.State.PENDING)]


def suggested_edit(*, pk: int, viewer) -> SuggestionView:
    """One suggestion for its suggester or a reviewer (anyone else: 404). One query."""
    from .services.edits import may_review

    suggestion = get_object_or_404(_suggestions(), pk=pk)
    if suggestion.author_id != viewer.pk and not may_review(viewer):
        raise Http404
    return _suggestion_view(suggestion)


def suggested_edit_count() -> int:
    """Pending suggested edits, for the reviewers' menu entry. One query."""
    return SuggestedEdit.objects.filter(state=SuggestedEdit.State.PENDING).count()


def close_round(question: Question, *, viewer) -> dict:
    """The current round of close/reopen votes on `question`: {"close": n, "reopen": n,
    "needed": n, "voted": whether `viewer` voted in it}. One query."""
    from .services.closing import votes_needed

    rows = list(
        CloseVote.objects.filter(question=question, round=question.close_round).values_list(
            "kind", "voter_id"
        )
    )
    counts = Counter(kind for kind, _ in rows)
    return {
        "close": counts[CloseVote.Kind.CLOSE],
        "reopen": counts[CloseVote.Kind.REOPEN],
        "needed": votes_needed(),
        "voted": any(voter == getattr(viewer, "pk", None) for _, voter in rows),
    }


def reverify_queue() -> QuerySet:
    """Answers possibly out of date that nobody has re-checked yet (AnswerFreshness rows with
    their answer, question and author): verified answers first, then accepted ones, then the
    longest waiting. One query per page of the queue (plus the paginator's count)."""
    return (
        AnswerFreshness.objects.to_recheck()
        .filter(answer__visibility=PostStatus.PUBLISHED)
        .select_related("answer__question__product", "answer__author", "checked_by")
        .order_by("-answer__is_verified", "-answer__is_accepted", "flagged_at", "pk")
    )


PROFILE_POST_KINDS = ("questions", "answers")


def member_posts(*, member: User, kind: str) -> QuerySet:
    """A member's published questions, or their published answers on published questions
    (with each answer's question), newest first, for the profile's paginated lists. A page
    costs two queries: the count and the page."""
    if kind == "answers":
        return (
            Answer.objects.filter(
                author=member,
                visibility=PostStatus.PUBLISHED,
                question__visibility=PostStatus.PUBLISHED,
            )
            .select_related("question")
            .order_by("-created_at", "-pk")
        )
    return Question.objects.visible().filter(author=member).order_by("-created_at", "-pk")


def member_post_counts(*, member: User) -> dict[str, int]:
    """How many published questions and answers the member has, for the profile's tabs. One
    query (two counting subqueries, so prolific members cost no cross join)."""

    def counted(queryset):
        rows = queryset.filter(author=OuterRef("pk")).order_by().values("author")
        return Subquery(rows.annotate(n=Count("pk")).values("n"))

    questions, answers = (
        member_posts(member=member, kind="questions"),
        member_posts(member=member, kind="answers"),
    )
    row = (
        User.objects.filter(pk=member.pk)
        .annotate(n_questions=counted(questions), n_answers=counted(answers))
        .values("n_questions", "n_answers")
        .first()
    ) or {}
    return {kind: row.get(f"n_{kind}") or 0 for kind in PROFILE_POST_KINDS}


PRODUCT_QUESTIONS_LIMIT = 5


def product_questions(*, product, limit: int = PRODUCT_QUESTIONS_LIMIT) -> list[Question]:
    """The product's public questions in its language, latest activity first (one query)."""
    return list(
        Question.objects.visible()
        .filter(product=product, locale=product.locale.language_code)
        .only("pk", "title", "slug", "locale", "status", "answer_count")
        .order_by("-last_activity_at", "-pk")[:limit]
    )


def question_facts(*, pks: list[int]) -> dict[int, dict]:
    """For search results: {pk: {"score", "answers", "accepted", "verified"}} of these public
    questions, in one query (hidden questions are left out)."""
    published = Answer.objects.filter(question=OuterRef("pk"), visibility=PostStatus.PUBLISHED)
    rows = (
        Question.objects.visible()
        .filter(pk__in=pks)
        .annotate(
            accepted=Exists(published.filter(is_accepted=True)),
            verified=Exists(published.filter(is_verified=True)),
        )
        .values("pk", "score", "answer_count", "accepted", "verified")
    )
    return {row.pop("pk"): {**row, "answers": row.pop("answer_count")} for row in rows}
