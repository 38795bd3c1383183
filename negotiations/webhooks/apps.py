from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "negotiations.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """After every committed write, ask the workers to deliver (enqueue at most: a
        receiver never slows a write)."""
        from negotiations.webhooks.services import kick
        from negotiations.write import runtime

        runtime.install(after_commit=kick)
