"""Member profiles, the members directory, profile settings and suspension."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView

from vraagbaak.http import ascii_int

from .. import selectors, services
from ..forms import (
    ProfileForm,
)
from ..models import User
from ..roles import is_moderator
from ._shared import (
    run_action,
)


class ProfileView(DetailView):
    template_name = "community/profile_detail.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return selectors.public_profile(username=self.kwargs["username"])

    posts_per_page = 10

    def get_context_data(self, **kwargs):
        member = self.object
        kind = self.request.GET.get("tab", "questions")
        if kind not in selectors.PROFILE_POST_KINDS:
            kind = "questions"
        counts = selectors.member_post_counts(member=member)
        paginator = Paginator(selectors.member_posts(member=member, kind=kind), self.posts_per_page)
        paginator.count = counts[kind]  # Known already: saves the paginator's count query.
        page = paginator.get_page(_page_number(self.request.GET.get("page")))
        return super().get_context_data(
            tab=kind,
            post_counts=counts,
            page_obj=page,
            posts=page.object_list,
            filter_query=f"tab={kind}",
            can_suspend=is_moderator(self.request.user) and member != self.request.user,
            **kwargs,
        )


def _page_number(raw) -> int:
    """An ASCII page number; anything else is the first page."""
    return max(1, ascii_int(raw, 1) or 1)


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


@login_required
@require_POST
def suspend(request, username):
    member = get_object_or_404(User, username=username)
    try:
        days = max(0, min(ascii_int(request.POST.get("days"), 0), 3650))
    except ValueError:
        days = 0
    run_action(
        request,
        lambda: services.suspend_member(
            member=member,
            by=request.user,
            days=days,
            why=request.POST.get("why", ""),
            revert=request.POST.get("revert") == "1",
        ),
        done=_("Saved."),
    )
    return redirect(member)
