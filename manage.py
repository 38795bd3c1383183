#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # The settings first: a value the environment gets wrong is said in one line, not
        # at the end of a traceback an operator has to read through (tracker/env.py).
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as refused:
        sys.exit(f"The tracker's settings: {refused}")
    execute_from_command_line(sys.argv)
