#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as refused:
        # A value the environment gets wrong (tracker/env.py) is said in one line, not at
        # the end of a traceback an operator has to read through; anything else as Django
        # raises it.
        if not str(refused).startswith("The environment variable "):
            raise
        sys.exit(f"The tracker's settings: {refused}")
