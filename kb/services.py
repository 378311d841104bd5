"""Writes to the help centre that other code causes (community promotes answers to drafts;
the demo sets up the review workflow). Editors otherwise write through Wagtail's admin."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from . import selectors
from .blocks import INLINE_FEATURES, TEXT_FEATURES
from .models import ArticlePage, CategoryPage, PeerReviewTask
from .models.pages import free_slug

# Workflow and task names are data that Wagtail shows as they are, in any admin language; the
# back office of a Dutch shop names them in Dutch.
REVIEW_WORKFLOW_NAME = "Controle helpcentrum"
EDITORIAL_TASK_NAME = "Redactiecheck"
FINAL_TASK_NAME = "Eindcontrole"
REVIEWERS_GROUP = "Reviewers"
EDITORS_GROUP = "Editors"
# An autosaved page with nothing but a title, untouched this long, was abandoned.
ABANDONED_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class DraftSection:
    """A part of an article draft: a heading, then text, numbered steps (each a short title
    and optional explanation in HTML) and closing text, any of which may be empty."""

    heading: str
    html: str = ""
    steps: Sequence[tuple[str, str]] = ()
    after_html: str = ""


@transaction.atomic
def create_article_draft(
    *,
    title: str,
    body_html: str = "",
    category: CategoryPage,
    locale_code: str,
    credit: str,
    source_url: str,
    by,
    sections: Sequence[DraftSection] = (),
) -> ArticlePage:
    """Create an unpublished ArticlePage under `category` (in `locale_code`, using the
    category's translation when the given one is in another language) with one revision,
    and start the workflow assigned to that part of the tree as `by`, if any.

    The body is `body_html`, then each of `sections` as a heading, text and a steps block.
    HTML is reduced to what the article editor supports (paragraphs, lists, links, bold,
    italic, code; steps: links, bold, italic); anything else is dropped. Raises
    PermissionDenied unless `by` may add pages under the category, ValidationError for an
    empty title or a category without a version in that language.
    """
    title = title.strip()
    if not title:
        raise ValidationError(_("An article needs a title."))
    parent = _category_in(category, locale_code)
    if not parent.permissions_for_user(by).can_add_subpage():
        raise PermissionDenied(_("You may not add articles to this category."))
    article = ArticlePage(
        title=title,
        slug=_free_slug(parent, title),
        locale=parent.locale,
        live=False,
        owner=by,
        body=_stream(body_html, sections),
        credit=credit[:200],
        source_url=source_url,
    )
    parent.add_child(instance=article)
    revision = article.save_revision(user=by, log_action=True)
    workflow = article.get_workflow()
    if workflow is not None:
        workflow.start(article, by)
    article.latest_revision = revision
    return article


def editor_html(html: str, features=TEXT_FEATURES) -> str:
    """`html` as Wagtail stores rich text, keeping only the features articles allow."""
    converter = ContentstateConverter(features)
    return converter.to_database_format(converter.from_database_format(html))


def _stream(body_html: str, sections: Sequence[DraftSection]) -> list[tuple[str, object]]:
    stream = [("rich_text", RichText(editor_html(body_html)))] if body_html.strip() else []
    for section in sections:
        stream.append(("heading", {"text": section.heading[:120], "level": "h2"}))
        if section.html.strip():
            stream.append(("rich_text", RichText(editor_html(section.html))))
        if section.steps:
            steps = [
                {"title": title[:250],
                 "text": RichText(editor_html(text, INLINE_FEATURES) if text else "")}
                for title, text in section.steps
            ]
            stream.append(("steps", {"title": "", "steps": steps}))
        if section.after_html.strip():
            stream.append(("rich_text", RichText(editor_html(section.after_html))))
    return stream


def _category_in(category: CategoryPage, locale_code: str) -> CategoryPage:
    category = category.specific
    if not isinstance(category, CategoryPage):
        raise ValidationError(_("Articles can only be added to a help-centre category."))
    if category.locale.language_code == locale_code:
        return category
    locale = Locale.objects.filter(language_code=locale_code).first()
    translation = category.get_translation_or_none(locale) if locale else None
    if translation is None:
        raise ValidationError(
            _("The category “%(category)s” has no version in this language.")
            % {"category": category.title}
        )
    return translation


def _free_slug(parent: Page, title: str) -> str:
    return free_slug(parent, slugify(title)[:70] or "artikel")


@transaction.atomic
def set_up_review_workflow(*, pages: list[Page]) -> Workflow:
    """The two-step moderation workflow (the "Editors" group checks, but never the editor who
    submitted; the "Reviewers" group approves and so publishes), assigned to `pages` and their
    subtrees. Reviewers get the page permissions they need to approve there. Safe to run
    again."""
    editors = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    reviewers = Group.objects.get_or_create(name=REVIEWERS_GROUP)[0]
    reviewers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for page in pages:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=reviewers,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    workflow = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)[0]
    tasks = [
        _approval_task(EDITORIAL_TASK_NAME, editors, model=PeerReviewTask),
        _approval_task(FINAL_TASK_NAME, reviewers),
    ]
    # A workflow set up before the editorial check refused its submitter drops that old task.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _approval_task(name: str, group: Group, model=GroupApprovalTask):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name)
    task.groups.add(group)
    return task


def delete_abandoned_autosave_drafts(*, now=None) -> int:
    """Delete the pages autosave created that nobody finished (see
    `selectors.abandoned_autosave_drafts`: never published, title only, no revision for
    ABANDONED_AFTER). Each page goes in its own transaction through Wagtail's delete action,
    which logs it and takes it out of the search index; a page edited since it was selected
    is kept (its row is locked and checked again). Returns how many were deleted."""
    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    deleted = 0
    for draft in selectors.abandoned_autosave_drafts(untouched_since=cutoff):
        with transaction.atomic():
            page = Page.objects.select_for_update().filter(
                pk=draft.pk, latest_revision_created_at__lt=cutoff, live=False
            ).first()
            if page is None:
                continue
            DeletePageAction(page.specific, user=None).execute(skip_permission_checks=True)
            deleted += 1
    return deleted
