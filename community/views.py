from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from . import selectors, services
from .forms import ProfileForm


class ProfileView(DetailView):
    template_name = "community/profile_detail.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return selectors.public_profile(username=self.kwargs["username"])


class MemberListView(ListView):
    template_name = "community/member_list.html"
    context_object_name = "members"
    paginate_by = 30

    def get_queryset(self):
        return selectors.members()


class ProfileSettingsView(LoginRequiredMixin, FormView):
    template_name = "community/profile_settings.html"
    form_class = ProfileForm
    success_url = reverse_lazy("community:settings")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def form_valid(self, form):
        services.update_profile(
            user=self.request.user,
            display_name=form.cleaned_data["display_name"],
            bio=form.cleaned_data["bio"],
            avatar=form.cleaned_data["avatar"],
            remove_avatar=form.cleaned_data["remove_avatar"],
        )
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)

    def form_invalid(self, form):
        messages.error(
            self.request, _("Your profile was not saved. Check the fields marked below.")
        )
        return super().form_invalid(form)
