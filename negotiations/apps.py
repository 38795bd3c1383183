from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationsConfig(AppConfig):
    name = "negotiations"
    verbose_name = _("Negotiations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The system checks, the read models' layout stamped after `migrate`, and psycopg's
        prepared statements on each new PostgreSQL connection
        (`pgstore.prepare_write_statements`). The hooks of the application are
        wired in `tracker/bootstrap.py`, not here."""
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from negotiations.ops import checks  # noqa: F401 - registers the system checks
        from negotiations.read.layout import stamp_empty_read_models
        from negotiations.write.pgstore import prepare_write_statements

        connection_created.connect(prepare_write_statements, dispatch_uid="prepared")
        # Read models still empty after `migrate` are of this version's layout.
        post_migrate.connect(stamp_empty_read_models, sender=self, dispatch_uid="layout")
