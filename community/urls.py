from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "community"
urlpatterns = [
    path(_("members/"), views.MemberListView.as_view(), name="members"),
    path(_("members/<str:username>/"), views.ProfileView.as_view(), name="profile"),
    path(_("settings/profile/"), views.ProfileSettingsView.as_view(), name="settings"),
]
