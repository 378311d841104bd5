"""Page-cache purges for the writes every app makes (see page_cache.py for the tags).

Connected once, in VraagbaakConfig.ready(). They only bump tag versions; nothing here changes
data. Writes that bypass model signals (`.update()` with F()) reach `on_questions_changed`
through `community.signals.questions_changed`, which the services send explicitly.
"""

from django.apps import apps

from .page_cache import bump, question_tag

# A member's save that changes nothing another visitor sees.
_PRIVATE_USER_FIELDS = {"last_login", "password", "suspended_until", "suspension_reason"}


def _question_ids(instance) -> set[int]:
    Question = apps.get_model("community", "Question")
    if isinstance(instance, Question):
        return {instance.pk}
    ids = set()
    if getattr(instance, "question_id", None):
        ids.add(instance.question_id)
    answer_id = getattr(instance, "answer_id", None)
    if answer_id:
        Answer = apps.get_model("community", "Answer")
        answer = instance._state.fields_cache.get("answer")  # no query when already loaded
        question_id = answer.question_id if answer is not None else (
            Answer.objects.filter(pk=answer_id).values_list("question_id", flat=True).first()
        )
        # None while an answer's comments and votes go with it: the answer's own delete
        # bumps its question.
        if question_id is not None:
            ids.add(question_id)
    return ids


def on_community_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    User = apps.get_model("community", "User")
    if isinstance(instance, User):
        # A new member shows nowhere until they post (and posting bumps its question).
        fields = kwargs.get("update_fields")
        if kwargs.get("created") or (fields is not None and set(fields) <= _PRIVATE_USER_FIELDS):
            return
        bump("members")
        return
    ids = _question_ids(instance)
    if ids:
        bump("questions", *map(question_tag, ids))


def on_community_deleted(sender, instance, **kwargs):
    on_community_saved(sender, instance)


def on_questions_changed(sender, question_ids, **kwargs):
    bump("questions", *map(question_tag, question_ids))


def on_kb_changed(sender, instance=None, raw=False, **kwargs):
    """A page published, unpublished, moved or deleted, or a snippet saved: every help-centre
    page may list it (menus, categories, related articles, product pages)."""
    if not raw:
        bump("kb")


def on_page_saved(sender, instance, raw=False, **kwargs):
    # Draft saves of a page that is not live change nothing a visitor sees.
    if not raw and instance.live:
        bump("kb")


def on_announcement_changed(sender, instance=None, raw=False, **kwargs):
    if not raw:
        bump("announcements")
