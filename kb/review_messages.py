"""What an editor is told after a workflow action: on the page editor Wagtail says only
"Page … has been updated", and its dashboard's approve and reject dialogs say nothing at all,
whether the page is now live, scheduled, waiting for the next reviewer or sent back.
`after_workflow_action` (editor) and `on_dashboard` say which."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState

# A review step this user finished this recently was finished by the request being answered.
JUST_NOW = timedelta(seconds=30)
# When the newest step this user was told about finished: each outcome is said once.
TOLD_KEY = "kb_review_outcome_told"


def outcome(page: Page) -> str:
    """One sentence about where the page's latest workflow left it (three or four queries)."""
    page = type(page).objects.get(pk=page.pk)
    title = page.get_admin_display_title()
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    if state is None:
        return ""
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = state.current_task_state.task.specific
        groups = ", ".join(group.name for group in task.groups.all()) if hasattr(
            task, "groups") else ""
        reviewer = f"{task.name} ({groups})" if groups else task.name
        return _("“%(title)s” is approved and now waits for the next reviewer: %(reviewer)s.") % {
            "title": title, "reviewer": reviewer}
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("“%(title)s” goes back to its author with a request for changes.") % {
            "title": title}
    if state.status == WorkflowState.STATUS_APPROVED:
        scheduled = page.scheduled_revision
        if scheduled is not None and scheduled.approved_go_live_at:
            when = date_format(timezone.localtime(scheduled.approved_go_live_at), "j F Y, H:i")
            return _("“%(title)s” is approved and will be published on %(when)s.") % {
                "title": title, "when": when}
        if page.live:
            return _("“%(title)s” is approved and published.") % {"title": title}
    return ""


def _just_reviewed_by(page: Page, user) -> bool:
    latest = (
        TaskState.objects.filter(workflow_state__in=WorkflowState.objects.for_instance(page))
        .exclude(finished_at=None)
        .order_by("-finished_at")
        .values("finished_by_id", "finished_at")
        .first()
    )
    recent = timezone.now() - JUST_NOW
    return bool(latest) and latest["finished_by_id"] == user.pk and latest["finished_at"] > recent


def after_workflow_action(request, page: Page) -> None:
    """Replaces Wagtail's "has been updated" message of this request with `outcome(page)`,
    when this request did finish a review step: Wagtail saves instead, without a word, when
    the action was not the user's to take (an author approving their own page)."""
    if not _just_reviewed_by(page, request.user):
        return
    text = outcome(page)
    if not text:
        return
    storage = messages.get_messages(request)
    # Messages added in this request wait in the storage's queue until the response is sent;
    # Django has no public call to take one back, so the queue is filtered here.
    queued = getattr(storage, "_queued_messages", [])
    storage._queued_messages = [m for m in queued if m.level != messages.SUCCESS]
    messages.success(request, text)
    request.session[TOLD_KEY] = timezone.now().isoformat()


def on_dashboard(request) -> None:
    """Says what the review step this user finished a moment ago did to its page, once.

    Wagtail's dashboard dialogs (`wagtail.admin.views.generic.workflow.WorkflowAction`) add
    no message and offer no hook; they send the reviewer back to the dashboard, whose panels
    hook calls this. Two to five queries; none for a user who reviewed nothing just now."""
    since = timezone.now() - JUST_NOW
    told = request.session.get(TOLD_KEY)
    if told:
        since = max(since, datetime.fromisoformat(told))
    state = (
        TaskState.objects.filter(finished_by=request.user, finished_at__gt=since)
        .select_related("workflow_state")
        .order_by("-finished_at")
        .first()
    )
    if state is None:
        return
    request.session[TOLD_KEY] = state.finished_at.isoformat()
    if state.workflow_state.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return  # a snippet's workflow: Wagtail's own wording is left alone
    page = Page.objects.filter(pk=state.workflow_state.object_id).first()
    text = outcome(page) if page is not None else ""
    if text:
        messages.success(request, text)
