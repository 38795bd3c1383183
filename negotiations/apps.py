from django.apps import AppConfig


class NegotiationsConfig(AppConfig):
    name = "negotiations"
    verbose_name = "Negotiations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Compose the layers: the write side runs the read side's inline projection inside
        each command's transaction (it does not import the read side itself)."""
        from django.db.backends.signals import connection_created

        from negotiations.ops import checks  # noqa: F401 - registers the system checks
        from negotiations.read.inline import project_write
        from negotiations.read.projections import IMPORT_BATCH, catch_up
        from negotiations.write import runtime
        from negotiations.write.eventstore import prepare_write_statements

        runtime.install(
            write_through=project_write,
            after_import=lambda app: catch_up(app, batch_size=IMPORT_BATCH),
        )
        connection_created.connect(prepare_write_statements, dispatch_uid="prepared")
