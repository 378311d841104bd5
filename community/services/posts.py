"""Asking, answering, commenting and editing. See ARCHITECTURE.md "Ask" and "Answer"."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gamification import privileges
from gamification import rules as reasons
from gamification import services as gamification

from ..markdown import candidate_mentions, render
from ..models import (
    Answer,
    Comment,
    Notification,
    PostImage,
    PostStatus,
    Question,
    Revision,
    User,
)
from ..roles import is_moderator
from . import notifications, subscriptions
from ._common import (
    check_posting,
    first_post_visibility,
    require_active_member,
    require_open,
    require_privilege,
    source_key,
)

MIN_TITLE, MIN_BODY = 10, 20


def render_post(text: str, *, language: str):
    """Markdown → sanitised HTML, with @mentions of existing members linked. One query when
    the text mentions anyone, none otherwise."""
    names = candidate_mentions(text)
    known = set()
    if names:
        match = Q()
        for name in names:
            match |= Q(username__iexact=name)
        known = {
            n.lower()
            for n in User.objects.filter(match, is_active=True).values_list("username", flat=True)
        }
    return render(text, known_usernames=known, language=language)


def question_facts(question: Question) -> dict:
    return {
        "question": question.pk,
        "post": f"question:{question.pk}",
        "tags": sorted(question.tags.names()),
        "product": getattr(getattr(question, "product", None), "slug", None),
        "language": question.locale,
        "score": question.score,
    }


def _validate_text(*, title: str | None, body: str) -> None:
    errors = {}
    if title is not None and len(title.strip()) < MIN_TITLE:
        errors["title"] = _("Give your question a title of at least %(n)d characters.") % {
            "n": MIN_TITLE
        }
    if len(body.strip()) < MIN_BODY:
        errors["body"] = _("Write at least %(n)d characters so others can help you.") % {
            "n": MIN_BODY
        }
    if errors:
        raise ValidationError(errors)


def _unique_slug(title: str) -> str:
    return slugify(title)[:80].strip("-") or "vraag"


@transaction.atomic
def ask_question(
    *,
    author: User,
    title: str,
    body: str,
    tags: list[str] | tuple = (),
    locale: str,
    product=None,
    images: list | tuple = (),
) -> Question:
    """Create a question. Checks the ASK privilege, suspension and new-account limits; a new
    account's first post waits for approval (visibility PENDING). Records QUESTION_ASKED and
    notifies tag/product followers and mentioned members once it is visible."""
    require_privilege(author, privileges.ASK)
    check_posting(user=author, text=body, images=len(images))
    _validate_text(title=title, body=body)
    rendered = render_post(body, language=locale)
    question = Question(
        title=title.strip(),
        slug=_unique_slug(title),
        body=body,
        body_html=rendered.html,
        author=author,
        locale=locale,
        visibility=first_post_visibility(author),
    )
    if product is not None:
        question.product = product
    question.full_clean(exclude=["tags", "body_html"])
    question.save()
    _attach_images(question, images)
    clean_tags = normalise_tags(tags)
    if clean_tags:
        question.tags.set(clean_tags)
    _save_revision(post=question, author=author, summary="")
    gamification.record(
        user=author,
        reason=reasons.QUESTION_ASKED,
        source_key=source_key("question", question.pk),
        actor=author,
        facts=question_facts(question),
    )
    subscriptions.follow(user=author, question=question)
    if question.is_visible:
        announce_question(question, mentions=rendered.mentions)
    return question


def announce_question(question: Question, *, mentions=()) -> None:
    """Notify followers of the question's tags/product and mentioned members."""
    url = question.get_absolute_url()
    notifications.notify_many(
        recipients=notifications.followers_of_keys(
            tags=[t.slug for t in question.tags.all()],
            product=getattr(getattr(question, "product", None), "slug", None),
        ),
        kind=Notification.Kind.FOLLOWED,
        actor=question.author,
        text=question.title,
        url=url,
    )
    _notify_mentions(mentions, actor=question.author, text=question.title, url=url)


def normalise_tags(tags) -> list[str]:
    """Lower-case, trimmed, unique, at most 5 tags of at most 30 characters."""
    result = []
    for tag in tags:
        tag = slugify(str(tag).strip().lower())[:30]
        if tag and tag not in result:
            result.append(tag)
    if len(result) > 5:
        raise ValidationError({"tags": _("Use at most 5 tags.")})
    return result


@transaction.atomic
def post_answer(
    *, author: User, question: Question, body: str, images: list | tuple = ()
) -> Answer:
    """Answer `question`. Needs the ANSWER privilege, an open unlocked question and passing
    the posting limits. Bumps the question's answer count and activity with F(), records
    ANSWER_POSTED, and notifies the question's followers and mentioned members."""
    require_privilege(author, privileges.ANSWER)
    question = Question.objects.select_for_update().get(pk=question.pk)
    require_open(question, user=author)
    check_posting(user=author, text=body, images=len(images))
    _validate_text(title=None, body=body)
    rendered = render_post(body, language=question.locale)
    answer = Answer(
        question=question,
        author=author,
        body=body,
        body_html=rendered.html,
        visibility=first_post_visibility(author),
    )
    answer.full_clean(exclude=["body_html", "question"])
    answer.save()
    _attach_images(answer, images)
    _save_revision(post=answer, author=author, summary="")
    if answer.is_visible:
        Question.objects.filter(pk=question.pk).update(
            answer_count=F("answer_count") + 1, last_activity_at=timezone.now()
        )
    facts = question_facts(question) | {"post": f"answer:{answer.pk}", "score": 0}
    gamification.record(
        user=author,
        reason=reasons.ANSWER_POSTED,
        source_key=source_key("answer", answer.pk),
        actor=author,
        facts=facts,
    )
    if answer.is_visible:
        announce_answer(answer, mentions=rendered.mentions)
    return answer


def announce_answer(answer: Answer, *, mentions=()) -> None:
    question = answer.question
    url = answer.get_absolute_url()
    notifications.notify_many(
        recipients=notifications.followers_of_question(question),
        kind=Notification.Kind.ANSWER,
        actor=answer.author,
        text=question.title,
        url=url,
    )
    _notify_mentions(mentions, actor=answer.author, text=question.title, url=url)


@transaction.atomic
def post_comment(*, author: User, post: Question | Answer, body: str) -> Comment:
    """A short comment (at most 600 characters). On your own posts and on answers to your own
    question anyone may comment; elsewhere it needs COMMENT_EVERYWHERE."""
    require_active_member(author)
    question = post if isinstance(post, Question) else post.question
    if author.pk not in (post.author_id, question.author_id):
        require_privilege(author, privileges.COMMENT_EVERYWHERE)
    require_open(question, user=author)
    check_posting(user=author, text=body, is_comment=True)
    body = body.strip()
    if len(body) < 5:
        raise ValidationError({"body": _("A comment needs at least 5 characters.")})
    rendered = render_post(body, language=question.locale)
    comment = Comment(author=author, body=body, body_html=rendered.html)
    setattr(comment, "question" if isinstance(post, Question) else "answer", post)
    comment.full_clean(exclude=["body_html", "question", "answer"])
    comment.save()
    Question.objects.filter(pk=question.pk).update(last_activity_at=timezone.now())
    url = post.get_absolute_url()
    notifications.notify(
        recipient=post.author,
        kind=Notification.Kind.COMMENT,
        actor=author,
        text=question.title,
        url=url,
    )
    _notify_mentions(rendered.mentions, actor=author, text=question.title, url=url)
    return comment


def can_edit(user, post) -> bool:
    """Authors edit their own posts; others need EDIT_OTHERS_REVIEWED or the moderator role."""
    if not getattr(user, "is_authenticated", False) or user.is_suspended:
        return False
    if post.author_id == user.pk or is_moderator(user):
        return True
    return privileges.has_privilege(user, privileges.EDIT_OTHERS_REVIEWED)


@transaction.atomic
def edit_post(
    *,
    post: Question | Answer,
    by: User,
    body: str,
    title: str | None = None,
    tags: list[str] | None = None,
    summary: str = "",
) -> Question | Answer:
    """Change a post's text (and a question's title and tags), keeping a Revision. Locked
    questions only change by moderators. Records POST_EDITED for the editor."""
    require_active_member(by)
    question = post if isinstance(post, Question) else post.question
    if not can_edit(by, post):
        require_privilege(by, privileges.EDIT_OTHERS_REVIEWED)
    if question.is_locked and not is_moderator(by):
        raise ValidationError(_("This question is locked: it can't be changed or answered."))
    is_question = isinstance(post, Question)
    _validate_text(title=title if is_question else None, body=body)
    rendered = render_post(body, language=question.locale)
    post.body, post.body_html, post.edited_at = body, rendered.html, timezone.now()
    fields = ["body", "body_html", "edited_at"]
    if is_question:
        post.title, post.slug = title.strip(), _unique_slug(title)
        post.last_activity_at = post.edited_at
        fields += ["title", "slug", "last_activity_at"]
        if tags is not None:
            post.tags.set(normalise_tags(tags))
    post.save(update_fields=fields)
    revision = _save_revision(post=post, author=by, summary=summary)
    gamification.record(
        user=by,
        reason=reasons.POST_EDITED,
        source_key=source_key("revision", revision.pk),
        actor=by,
        facts=question_facts(question) | {"own_post": post.author_id == by.pk},
    )
    if post.author_id != by.pk:
        notifications.notify(
            recipient=post.author,
            kind=Notification.Kind.MODERATION,
            actor=by,
            text=question.title,
            url=post.get_absolute_url(),
        )
    return post


def _attach_images(post, images) -> None:
    """Save pictures already normalised by community.images.post_image under `post`. (A
    rolled-back post can leave an unreferenced file behind; it is never linked or served.)"""
    field = "question" if isinstance(post, Question) else "answer"
    for content in images:
        picture = PostImage(**{field: post})
        picture.image.save(content.name, content, save=True)


def _save_revision(*, post, author, summary: str) -> Revision:
    is_question = isinstance(post, Question)
    number = (
        Revision.objects.filter(**({"question": post} if is_question else {"answer": post})).count()
        + 1
    )
    return Revision.objects.create(
        question=post if is_question else None,
        answer=None if is_question else post,
        number=number,
        author=author,
        title=post.title if is_question else "",
        body=post.body,
        tags=", ".join(sorted(post.tags.names())) if is_question else "",
        summary=summary[:200],
    )


def _notify_mentions(usernames, *, actor, text: str, url: str) -> None:
    if not usernames:
        return
    notifications.notify_many(
        recipients=User.objects.filter(username__in=usernames, is_active=True),
        kind=Notification.Kind.MENTION,
        actor=actor,
        text=text,
        url=url,
    )


def visible_or_404(post, *, user) -> None:
    """PermissionDenied when `user` may not see a pending or deleted post."""
    if post.visibility == PostStatus.PUBLISHED:
        return
    if is_moderator(user) or (user.is_authenticated and post.author_id == user.pk):
        return
    raise PermissionDenied(_("This post is not available."))
