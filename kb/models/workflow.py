"""The review workflow's own task type: a group approval that the submitter cannot give."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class PeerReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve, but never the person who submitted the page:
    a second pair of eyes. The submitter sees no approve or reject actions, the task is not in
    their dashboard's list to review, and an approval they post anyway is refused."""

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(_("You cannot review a page you submitted yourself."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def _submitted_by(obj, user) -> bool:
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; the person who submitted cannot.")

    class Meta:
        verbose_name = _("peer review task")
        verbose_name_plural = _("peer review tasks")
