from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .views import pii_check
from .views import privacy as privacy_views

app_name = "community"
urlpatterns = [
    path(_("members/"), views.MemberListView.as_view(), name="members"),
    path(_("members/<str:username>/"), views.ProfileView.as_view(), name="profile"),
    path(_("members/<str:username>/suspend/"), views.suspend, name="suspend"),
    path(_("settings/profile/"), views.ProfileSettingsView.as_view(), name="settings"),
    path(
        _("settings/notifications/"),
        views.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
    path(_("settings/your-data/"), privacy_views.export_data, name="export_data"),
    path(_("settings/delete-account/"), privacy_views.delete_account, name="delete_account"),
    path(_("notifications/"), views.InboxView.as_view(), name="inbox"),
    path(_("questions/"), views.QuestionListView.as_view(), name="questions"),
    path(_("questions/ask/"), views.AskView.as_view(), name="ask"),
    path("community/pii-check/", pii_check.pii_check, name="pii_check"),
    path(_("questions/tagged/<slug:tag>/"), views.TagView.as_view(), name="tag"),
    path(_("questions/product/<slug:product>/"), views.ProductView.as_view(), name="product"),
    path(_("questions/review/"), views.ReviewQueueView.as_view(), name="review"),
    path(_("questions/re-verify/"), views.ReverifyQueueView.as_view(), name="reverify_queue"),
    path("community/answer/<int:pk>/re-verify/", views.reverify, name="reverify"),
    path(_("questions/moderation-log/"), views.AuditLogView.as_view(), name="audit_log"),
    path(
        _("questions/suggested-edits/"),
        views.SuggestedEditQueueView.as_view(),
        name="suggested_edits",
    ),
    path(
        _("questions/suggested-edits/<int:pk>/"),
        views.SuggestedEditView.as_view(),
        name="suggested_edit",
    ),
    path(
        _("questions/suggested-edits/<int:pk>/improve/"),
        views.ImproveEditView.as_view(),
        name="improve_edit",
    ),
    path(_("questions/follow/"), views.follow_key, name="follow_key"),
    path(_("questions/<int:pk>/"), views.question_redirect, name="question_short"),
    path(_("questions/<int:pk>/answer/"), views.AnswerView.as_view(), name="answer"),
    path(_("questions/<int:pk>/edit/"), views.EditQuestionView.as_view(), name="edit_question"),
    path(
        _("questions/<int:pk>/history/"),
        views.history,
        {"kind": "question"},
        name="question_history",
    ),
    path(_("questions/<int:pk>/moderate/"), views.moderate, name="moderate"),
    path(_("questions/<int:pk>/promote/"), views.PromoteView.as_view(), name="promote"),
    path(_("questions/<int:pk>/close-vote/"), views.close_vote, name="close_vote"),
    path(_("answers/<int:pk>/edit/"), views.EditAnswerView.as_view(), name="edit_answer"),
    path(_("answers/<int:pk>/history/"), views.history, {"kind": "answer"}, name="answer_history"),
    # Last among the question routes: its slug would match "edit", "history" and so on.
    path(_("questions/<int:pk>/<slug:slug>/"), views.QuestionView.as_view(), name="question"),
    # One endpoint per action on a post; kind is "question" or "answer".
    path("community/<str:kind>/<int:pk>/vote/", views.vote, name="vote"),
    path("community/<str:kind>/<int:pk>/comment/", views.comment, name="comment"),
    path("community/<str:kind>/<int:pk>/flag/", views.FlagView.as_view(), name="flag"),
    path("community/<str:kind>/<int:pk>/accept/", views.accept, name="accept"),
    path("community/<str:kind>/<int:pk>/verify/", views.verify, name="verify"),
    path("community/<str:kind>/<int:pk>/follow/", views.follow_question, name="follow"),
    path("community/<str:kind>/<int:pk>/review/", views.review, name="review_post"),
    path("community/<str:kind>/<int:pk>/delete/", views.delete, name="delete"),
]
