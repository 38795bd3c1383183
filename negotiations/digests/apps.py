from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "negotiations.digests"
    label = "digests"
    verbose_name = "Digests"
    default_auto_field = "django.db.models.BigAutoField"
