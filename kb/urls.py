from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "kb"
urlpatterns = [
    path(_("products/<slug:slug>/"), views.product_detail, name="product"),
    path(_("service-promise/"), views.service_promise, name="service_promise"),
]
