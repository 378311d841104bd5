"""Asking, answering, commenting and editing. See ARCHITECTURE.md "Ask" and "Answer"."""

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gamification import privileges, rates
from gamification import rules as reasons
from gamification import services as gamification
from vraagbaak import idempotency
from vraagbaak.db import atomic_with_retry

from .. import pii
from ..markdown import candidate_mentions, render
from ..models import (
    Answer,
    Comment,
    Notification,
    PostImage,
    Question,
    Revision,
    User,
)
from ..roles import is_moderator
from . import notifications, subscriptions
from ._common import (
    check_posting,
    first_post_visibility,
    lock_thread,
    require_active_member,
    require_open,
    require_privilege,
    source_key,
)

MIN_TITLE, MIN_BODY = 10, 20


class PersonalDataFound(ValidationError):
    """The text looks like it is about the author's own order or account (community.pii).
    Nothing was saved; `findings` says what was found. Calling again with
    `pii_confirmed=True` posts the text with those values masked."""

    def __init__(self, findings: list[pii.Finding]):
        self.findings = findings
        super().__init__(
            _("This seems to be about your own order or account. Post it with the details "
              "masked, or ask customer service privately."),
            code="personal_data",
        )


def guard_personal_data(*texts: str | None, confirmed: bool) -> list[str | None]:
    """`texts` as they may be stored: with every detected value masked. Raises
    PersonalDataFound when something was detected and the author has not confirmed posting
    in public, so the unmasked values never reach a post, a revision, the index or an e-mail."""
    findings = [finding for text in texts if text for finding in pii.find(text)]
    if findings and not confirmed:
        raise PersonalDataFound(findings)
    return [pii.scrub(text) if text else text for text in texts]


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


@atomic_with_retry
def ask_question(
    *,
    author: User,
    title: str,
    body: str,
    tags: list[str] | tuple = (),
    locale: str,
    product=None,
    images: list | tuple = (),
    pii_confirmed: bool = False,
    form_token: str = "",
) -> Question:
    """Create a question. Checks the ASK privilege, suspension and new-account limits; a new
    account's first post waits for approval (visibility PENDING). Records QUESTION_ASKED and
    notifies tag/product followers and mentioned members once it is visible. Personal data
    (order numbers, IBANs…) raises PersonalDataFound unless `pii_confirmed`, and is then
    stored masked. With `form_token` (the ask form's hidden token), submitting the same form
    again, even concurrently, returns the question the first submission created."""
    require_privilege(author, privileges.ASK)
    check_posting(user=author, text=body, images=len(images))
    _validate_text(title=title, body=body)
    title, body = guard_personal_data(title, body, confirmed=pii_confirmed)
    scope = f"community.ask:{author.pk}"
    if form_token and (earlier := idempotency.claim(scope=scope, token=form_token)):
        return Question.objects.get(pk=earlier)
    rates.check_rate(author, rates.QUESTION)
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
    clean_tags = normalise_tags(tags)
    question.save()
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
    if form_token:
        idempotency.settle(scope=scope, token=form_token, object_id=question.pk)
    _attach_images(question, images)  # last: a refused question writes no file
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


@atomic_with_retry
def post_answer(
    *, author: User, question: Question, body: str, images: list | tuple = (),
    pii_confirmed: bool = False,
) -> Answer:
    """Answer `question`. Needs the ANSWER privilege, an open unlocked question and passing
    the posting limits. Bumps the question's answer count and activity with F(), records
    ANSWER_POSTED, and notifies the question's followers and mentioned members. Personal data
    is refused or masked as in `ask_question`."""
    require_privilege(author, privileges.ANSWER)
    question = lock_thread(question.pk)
    require_open(question, user=author)
    check_posting(user=author, text=body, images=len(images))
    _validate_text(title=None, body=body)
    (body,) = guard_personal_data(body, confirmed=pii_confirmed)
    rates.check_rate(author, rates.ANSWER)
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
    _attach_images(answer, images)  # last: a refused answer writes no file
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


@atomic_with_retry
def post_comment(*, author: User, post: Question | Answer, body: str) -> Comment:
    """A short comment (at most 600 characters). On your own posts and on answers to your own
    question anyone may comment; elsewhere it needs COMMENT_EVERYWHERE."""
    require_active_member(author)
    question = lock_thread(post.pk if isinstance(post, Question) else post.question_id)
    if author.pk not in (post.author_id, question.author_id):
        require_privilege(author, privileges.COMMENT_EVERYWHERE)
    require_open(question, user=author)
    check_posting(user=author, text=body, is_comment=True)
    body = body.strip()
    if len(body) < 5:
        raise ValidationError({"body": _("A comment needs at least 5 characters.")})
    # Comments have no confirmation step: detected personal data is always masked.
    (body,) = guard_personal_data(body, confirmed=True)
    rates.check_rate(author, rates.COMMENT)
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
    """Authors edit their own posts directly, and so do moderators and members with
    EDIT_WITHOUT_REVIEW. Members with only EDIT_OTHERS_REVIEWED suggest an edit instead
    (`can_suggest_edit`, community.services.edits)."""
    if not getattr(user, "is_authenticated", False) or user.is_suspended:
        return False
    if post.author_id == user.pk or is_moderator(user):
        return True
    return privileges.has_privilege(user, privileges.EDIT_WITHOUT_REVIEW)


def can_suggest_edit(user, post) -> bool:
    """Whether `user` may suggest an edit to `post` (someone else's; EDIT_OTHERS_REVIEWED)."""
    if not getattr(user, "is_authenticated", False) or user.is_suspended:
        return False
    if post.author_id == user.pk:
        return False
    return privileges.has_privilege(user, privileges.EDIT_OTHERS_REVIEWED)


@atomic_with_retry
def edit_post(
    *,
    post: Question | Answer,
    by: User,
    body: str,
    title: str | None = None,
    tags: list[str] | None = None,
    summary: str = "",
    pii_confirmed: bool = False,
) -> Question | Answer:
    """Change a post's text (and a question's title and tags), keeping a Revision. Others'
    posts need EDIT_WITHOUT_REVIEW or the moderator role (members with EDIT_OTHERS_REVIEWED
    suggest edits instead). Locked questions only change by moderators. Records POST_EDITED
    for the editor. Personal data is refused or masked as in `ask_question`."""
    require_active_member(by)
    if not can_edit(by, post):
        require_privilege(by, privileges.EDIT_WITHOUT_REVIEW)
    _validate_text(title=title if isinstance(post, Question) else None, body=body)
    rates.check_rate(by, rates.EDIT)
    return apply_edit(
        post=post, by=by, body=body, title=title, tags=tags, summary=summary,
        pii_confirmed=pii_confirmed,
    )


def apply_edit(
    *,
    post: Question | Answer,
    by: User,
    body: str,
    title: str | None = None,
    tags: list[str] | None = None,
    summary: str = "",
    pii_confirmed: bool = False,
) -> Question | Answer:
    """The write of `edit_post` without its permission check, for callers that checked
    their own (an approved suggested edit is saved as its suggester's revision). Runs in
    the caller's transaction."""
    question = post if isinstance(post, Question) else post.question
    if question.is_locked and not is_moderator(by):
        raise ValidationError(_("This question is locked: it can't be changed or answered."))
    is_question = isinstance(post, Question)
    _validate_text(title=title if is_question else None, body=body)
    title, body, summary = guard_personal_data(
        title if is_question else None, body, summary, confirmed=pii_confirmed
    )
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
    """Save pictures already normalised by community.images.post_image under `post`. Called
    after every check of the service, so a refused post writes nothing; a transaction that
    still fails on commit leaves an unreferenced file that community.tasks sweeps away."""
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
