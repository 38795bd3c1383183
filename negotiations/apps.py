from django.apps import AppConfig


class NegotiationsConfig(AppConfig):
    name = "negotiations"
    verbose_name = "Negotiations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from negotiations.ops import checks  # noqa: F401 - registers the system checks
