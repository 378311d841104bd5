from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "support"
urlpatterns = [
    path(_("contact/"), views.contact, name="contact"),
    path(_("contact/ticket/<str:token>/"), views.ticket_link, name="ticket_link"),
    path(_("contact/ticket/<str:token>/attachment/<int:pk>/"), views.ticket_link_attachment,
         name="ticket_link_attachment"),
    path(_("contact/survey/<str:token>/"), views.survey, name="survey"),
    path(_("contact/private-question/"), views.private_question, name="private_question"),
    path(_("contact/attachment/<int:pk>/"), views.attachment, name="attachment"),
    path(_("contact/helped/<str:token>/"), views.ask_back, name="ask_back"),
    path(_("support/my-questions/"), views.my_tickets, name="my_tickets"),
    path(_("support/my-questions/<str:reference>/"), views.my_ticket, name="my_ticket"),
]
