"""The inbox and notification settings."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from .. import selectors, services
from ..forms import (
    NotificationSettingsForm,
)
from ..models import Notification
from ..services.notifications import channels_for


class InboxView(LoginRequiredMixin, ListView):
    template_name = "community/inbox.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return selectors.inbox(user=self.request.user)

    def post(self, request, *args, **kwargs):
        services.mark_all_read(user=request.user)
        return redirect("community:inbox")


class NotificationSettingsView(LoginRequiredMixin, FormView):
    template_name = "community/notification_settings.html"
    success_url = reverse_lazy("community:notification_settings")

    def get_form(self, form_class=None):
        current = {k: channels_for(self.request.user, k) for k in Notification.Kind.values}
        return NotificationSettingsForm(self.request.POST or None, current=current)

    def form_valid(self, form):
        services.save_settings(user=self.request.user, choices=form.choices())
        messages.success(self.request, _("Your notification settings are saved."))
        return super().form_valid(form)
