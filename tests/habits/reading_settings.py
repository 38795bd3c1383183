"""Reading the tracker's settings as a start does, in a process of its own each time, with an
environment of its own: the `python_c` fixture (tests/habits/conftest.py) and `start`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.warm_manage import Finished, WarmManage

ROOT = Path(__file__).resolve().parents[2]
SHOW = "from django.conf import settings; print({!r}, {})"


@pytest.fixture(scope="module")
def python_c() -> Iterator[WarmManage]:
    """`python -c` in a process of its own each time, forked from one that has imported the
    packages the settings use (tests/warm_manage.py, `bare`), not the settings themselves: a
    fresh interpreter spent 0.4 s of CPU on Celery and Django before reading a variable."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with WarmManage(sys.executable, ROOT / "manage.py", env, bare=True) as warm:
        yield warm


def start(python_c: WarmManage, tmp_path: Path, setting: str, **variables: str) -> Finished:
    """Read the settings in a process of its own and print `setting`. Every start (gunicorn,
    Celery, `manage.py`) reads them before it loads any application, and every check of a
    variable is made there (tracker/env.py), so reading them is enough: loading the
    applications after it (`django.setup()`) cost 0.85 s of CPU in each process that got past
    the settings, and decided nothing more."""
    env = {k: v for k, v in os.environ.items() if k not in variables}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        TRACKER_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
        **variables,
    )
    return python_c.python_c(SHOW.format("value:", f"settings.{setting}"), env, cwd=tmp_path)
