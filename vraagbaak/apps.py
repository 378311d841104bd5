from django.apps import AppConfig


class VraagbaakConfig(AppConfig):
    name = "vraagbaak"
    verbose_name = "Vraagbaak"
