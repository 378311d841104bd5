from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "support"
urlpatterns = [path(_("contact/"), views.ContactView.as_view(), name="contact")]
