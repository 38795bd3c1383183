"""Loaded before Django (`-p tests.environment` in pyproject): the suite runs with DEBUG on, as
`dev.py run` does, since the tracker's own default is off (a production start that forgets
DEBUG shows no debug pages). Tests of the production defaults start processes of their own."""

import os

os.environ.setdefault("DEBUG", "true")
