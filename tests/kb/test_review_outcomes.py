"""After a review step the editor is told what happened (approved and waiting for the next
reviewer, published, scheduled, sent back), not Wagtail's bare "has been updated"; and the
editor who submitted a page cannot give its editorial check themselves."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kb.models import ArticlePage, PeerReviewTask
from kb.services import (
    EDITORIAL_TASK_NAME,
    EDITORS_GROUP,
    REVIEW_WORKFLOW_NAME,
    REVIEWERS_GROUP,
    set_up_review_workflow,
)
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


def member_of(group_name: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.fixture
def category(home_pages):
    set_up_review_workflow(pages=[home_pages])
    return factories.category(home_pages, title="Verzending")


def article_form(title="Pakket kwijt", **extra):
    body = streamfield([("rich_text", rich_text("<p>Vraag het eerst bij de buren.</p>"))])
    return nested_form_data({"title": title, "slug": "pakket-kwijt", "body": body, **extra})


@pytest.fixture
def submitted(client, category):
    """An article an editor wrote and submitted; returns (article, its author)."""
    author = member_of(EDITORS_GROUP)
    client.force_login(author)
    add = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", category.pk])
    client.post(add, {**article_form(), "action-submit": "1"})
    return ArticlePage.objects.get(slug="pakket-kwijt"), author


def act_in_editor(client, article, action="approve", **fields):
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = {**article_form(**fields), "action-workflow-action": "1",
            "workflow-action-name": action}
    response = client.post(url, data)
    return [str(message) for message in get_messages(response.wsgi_request)]


class TestWhatTheReviewerIsTold:
    def test_approving_the_check_says_who_reviews_next(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        said = act_in_editor(client, article)
        assert "“Pakket kwijt” is goedgekeurd en wacht nu op de volgende beoordelaar: " \
               "Eindcontrole (Reviewers)." in said
        assert not any("gewijzigd" in text for text in said)

    def test_final_approval_says_the_page_is_published(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        act_in_editor(client, article)
        client.force_login(member_of(REVIEWERS_GROUP))
        said = act_in_editor(client, article)
        assert "“Pakket kwijt” is goedgekeurd en gepubliceerd." in said
        article.refresh_from_db()
        assert article.live

    def test_final_approval_of_a_scheduled_page_says_when_it_goes_live(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        act_in_editor(client, article)
        go_live = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
            hour=9, minute=30, second=0, microsecond=0)
        client.force_login(member_of(REVIEWERS_GROUP))
        said = act_in_editor(client, article, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
        article.refresh_from_db()
        assert not article.live
        months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"]
        when = f"{go_live.day} {months[go_live.month - 1]} {go_live.year}, 09:30"
        assert f"“Pakket kwijt” is goedgekeurd en wordt gepubliceerd op {when}." in said

    def test_requesting_changes_says_the_page_goes_back(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        said = act_in_editor(client, article, action="reject")
        assert "“Pakket kwijt” gaat terug naar de auteur met een verzoek om wijzigingen." in said


class TestNoSelfApproval:
    def test_the_author_is_offered_no_review_actions(self, submitted):
        article, author = submitted
        task = article.current_workflow_task.specific
        assert isinstance(task, PeerReviewTask)
        assert task.get_actions(article, author) == []
        assert task.get_actions(article, member_of(EDITORS_GROUP))

    def test_the_author_cannot_approve_their_own_first_step(self, client, submitted):
        article, _author = submitted
        state = article.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", state.pk])
        assert client.post(url, {"comment": ""}).status_code in (302, 403)  # admin redirects
        said = act_in_editor(client, article)
        assert not any("goedgekeurd" in text for text in said)
        article.refresh_from_db()
        assert article.current_workflow_task.name == EDITORIAL_TASK_NAME

    def test_the_task_is_not_on_the_authors_review_list(self, submitted):
        article, author = submitted
        task = article.current_workflow_task.specific
        assert not task.get_task_states_user_can_moderate(author).exists()
        assert task.get_task_states_user_can_moderate(member_of(EDITORS_GROUP)).exists()

    def test_a_posted_approval_by_the_author_is_refused(self, submitted):
        article, author = submitted
        task = article.current_workflow_task.specific
        with pytest.raises(PermissionDenied):
            task.on_action(article.current_workflow_task_state, author, "approve")

    def test_an_older_workflow_gets_the_peer_review_check(self, home_pages):
        old = GroupApprovalTask.objects.create(name=EDITORIAL_TASK_NAME)
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW_NAME)
        workflow.workflow_tasks.create(task=old, sort_order=0)
        set_up_review_workflow(pages=[home_pages])
        tasks = [task.specific for task in workflow.tasks]
        assert [type(task) for task in tasks] == [PeerReviewTask, GroupApprovalTask]


def act_on_dashboard(client, article, action="approve", **data):
    """What Wagtail's dashboard does: its dialog posts the action with `next` set to the
    dashboard; the reviewer then sees the dashboard again."""
    state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, state.pk])
    client.post(url, {"next": reverse("wagtailadmin_home"), **data},
                HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    return told_on_dashboard(client)


def told_on_dashboard(client):
    """The review outcomes the dashboard shows (each names the page in quotes)."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"] if str(m).startswith("“")]


class TestWhatTheDashboardSays:
    def test_approving_from_the_dashboard_says_who_reviews_next(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        said = act_on_dashboard(client, article, comment="")
        assert said == ["“Pakket kwijt” is goedgekeurd en wacht nu op de volgende beoordelaar: "
                        "Eindcontrole (Reviewers)."]

    def test_the_final_approval_from_the_dashboard_says_it_is_published(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        act_on_dashboard(client, article, comment="")
        client.force_login(member_of(REVIEWERS_GROUP))
        said = act_on_dashboard(client, article, comment="Prima zo.")
        assert said == ["“Pakket kwijt” is goedgekeurd en gepubliceerd."]
        article.refresh_from_db()
        assert article.live

    def test_requesting_changes_from_the_dashboard_says_the_page_goes_back(
            self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        said = act_on_dashboard(client, article, action="reject", comment="Bron erbij, graag.")
        assert said == ["“Pakket kwijt” gaat terug naar de auteur met een verzoek om wijzigingen."]

    def test_the_outcome_is_said_once(self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        assert act_on_dashboard(client, article, comment="")
        assert told_on_dashboard(client) == []

    def test_a_reviewer_who_did_nothing_is_told_nothing(self, client, submitted):
        client.force_login(member_of(EDITORS_GROUP))
        assert told_on_dashboard(client) == []

    def test_an_approval_in_the_editor_is_not_repeated_on_the_dashboard(
            self, client, submitted):
        article, _author = submitted
        client.force_login(member_of(EDITORS_GROUP))
        url = reverse("wagtailadmin_pages:edit", args=[article.pk])
        shown = client.post(url, {**article_form(), "action-workflow-action": "1",
                                  "workflow-action-name": "approve"}, follow=True)
        assert any("goedgekeurd" in str(m) for m in shown.context["messages"])
        assert told_on_dashboard(client) == []
