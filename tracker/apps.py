"""django-axes under the tracker's own name for it. Its app has no `verbose_name`, so the
admin's index titled its section "Axes", in every language; Django's way of renaming another's
app is a subclass of its `AppConfig` named in `INSTALLED_APPS`."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class LoginAttemptsConfig(AxesConfig):
    verbose_name = _("Login attempts")
