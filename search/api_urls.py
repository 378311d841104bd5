"""The JSON API, mounted at /api/v1/ outside the language prefixes (see README "Search")."""

from django.urls import path

from . import views

app_name = "search_api"
urlpatterns = [
    path("suggest", views.suggest_api, name="suggest"),
    path("suggest/go", views.suggest_go, name="suggest-go"),
    path("suggest/confirm", views.suggest_confirm, name="suggest-confirm"),
    path("suggest/posted", views.suggest_posted, name="suggest-posted"),
]
