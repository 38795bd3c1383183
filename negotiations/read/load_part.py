"""A part of the rebuild's parallel load, run by `parallel_load.load_in_parts` as
`python -m negotiations.read.load_part` with its task as one line of JSON on its standard
input; it ends when its standard input closes (the rebuilding process gone)."""

from __future__ import annotations

import json
import os
import sys
import threading


def _end_with_the_parent() -> None:
    sys.stdin.read()
    os._exit(3)


def main() -> None:
    task = json.loads(sys.stdin.readline())
    os.environ["DJANGO_SETTINGS_MODULE"] = task["settings"]
    import django

    django.setup()
    from django.db import connection

    connection.settings_dict["NAME"] = task["database"]  # the test runner's, where it renamed it
    threading.Thread(target=_end_with_the_parent, daemon=True).start()

    from negotiations.read.parallel_load import run_part

    run_part(task)


if __name__ == "__main__":
    main()
