"""The settings mypy's Django plugin loads ([tool.django-stubs] in pyproject.toml): the
tracker's own, read as `dev.py run` reads them (DEBUG on), since with DEBUG off, the default,
they refuse to load without a SECRET_KEY."""

import os

os.environ.setdefault("DEBUG", "true")

from tracker.settings import *  # noqa: E402, F403
