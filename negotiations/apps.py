from django.apps import AppConfig


class NegotiationsConfig(AppConfig):
    name = "negotiations"
    verbose_name = "Negotiations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The system checks, and psycopg's prepared statements on each new PostgreSQL
        connection (`pgstore.prepare_write_statements`). The hooks of the application are
        wired in `tracker/bootstrap.py`, not here."""
        from django.db.backends.signals import connection_created

        from negotiations.ops import checks  # noqa: F401 - registers the system checks
        from negotiations.write.pgstore import prepare_write_statements

        connection_created.connect(prepare_write_statements, dispatch_uid="prepared")
