from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "gamification"
urlpatterns = [
    path(_("badges/"), views.badges, name="badges"),
    path(_("badges/seen/"), views.awards_seen, name="awards_seen"),
    path(_("leaderboard/"), views.leaderboard, name="leaderboard"),
]
