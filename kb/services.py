"""Writes to the help centre that other code causes (community promotes answers to drafts;
the demo sets up the review workflow). Editors otherwise write through Wagtail's admin."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
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

from .blocks import TEXT_FEATURES
from .models import ArticlePage, CategoryPage

REVIEW_WORKFLOW_NAME = "Help centre review"
REVIEWERS_GROUP = "Reviewers"
EDITORS_GROUP = "Editors"


@transaction.atomic
def create_article_draft(
    *,
    title: str,
    body_html: str,
    category: CategoryPage,
    locale_code: str,
    credit: str,
    source_url: str,
    by,
) -> ArticlePage:
    """Create an unpublished ArticlePage under `category` (in `locale_code`, using the
    category's translation when the given one is in another language) with one revision,
    and start the workflow assigned to that part of the tree as `by`, if any.

    `body_html` is reduced to what the article editor supports (paragraphs, lists, links,
    bold, italic, code); anything else is dropped. Raises PermissionDenied unless `by` may add
    pages under the category, ValidationError for an empty title or a category without a
    version in that language.
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
        body=[("rich_text", RichText(editor_html(body_html)))],
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


def editor_html(html: str) -> str:
    """`html` as Wagtail stores rich text, keeping only the features articles allow."""
    converter = ContentstateConverter(TEXT_FEATURES)
    return converter.to_database_format(converter.from_database_format(html))


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
    base = slugify(title)[:70] or "artikel"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def set_up_review_workflow(*, pages: list[Page]) -> Workflow:
    """The two-step moderation workflow (the "Editors" group checks, the "Reviewers" group
    approves and so publishes), assigned to `pages` and their subtrees. Reviewers get the
    page permissions they need to approve there. Safe to run again."""
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
        _approval_task("Editorial check", editors),
        _approval_task("Final review", reviewers),
    ]
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _approval_task(name: str, group: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.add(group)
    return task
