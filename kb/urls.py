from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, visitor_views

app_name = "kb"
urlpatterns = [
    path(_("products/<slug:slug>/"), views.product_detail, name="product"),
    path(_("service-promise/"), views.service_promise, name="service_promise"),
    path(_("feedback/<int:page_id>/"), visitor_views.page_feedback, name="page_feedback"),
    path("seen/<int:page_id>.gif", visitor_views.page_seen, name="page_seen"),
    path(
        _("announcements/<int:pk>/dismiss/"),
        visitor_views.dismiss_announcement,
        name="dismiss_announcement",
    ),
    path(
        "videos/<int:media_id>/<str:filename>", visitor_views.video_file, name="video_file"
    ),
]
