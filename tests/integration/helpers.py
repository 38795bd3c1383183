"""What the integration tests that start real processes share: `dev.py run` in a var/ of its
own, a check that a page answers, and a command that must succeed."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import requests

from tests.subprocess_env import ROOT
from tests.warm_manage import WarmManage


def answers(url: str, **headers: str) -> bool:
    """Whether `url` answers 200 now (False while the server is not up yet)."""
    try:
        return requests.get(url, headers=headers, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def run_ok(command: list[str], env: dict[str, str], cwd: Path = ROOT, timeout: int = 240) -> str:
    """Run `command` to its end; it must succeed. What it printed."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, (
        f"{shlex.join(command)}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    return result.stdout


def dev_run_env(var: Path, **extra: str) -> dict[str, str]:
    """This process's environment as a fresh shell's for `dev.py run`: none of the suite's
    database, event store, site, mail or Celery settings, and `var` as its var/."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "EVENT_STORE_", "SITE_URL", "EMAIL_", "CELERY_"))
        and k not in ("DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONPATH")
    }
    env.update(TRACKER_VAR_DIR=str(var), **extra)
    return env


def start_dev_run(address: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """`python3 dev.py run ADDRESS` in its own process group (runserver's autoreloader has a
    child: stop the group), writing to `log`."""
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "dev.py"), "run", address],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def manage_ok(warm: WarmManage, argv: list[str], cwd: Path, timeout: int = 240) -> str:
    """`manage.py ARGV` forked from `warm`, to its end; it must succeed. What it printed."""
    result = warm.run(argv, cwd=cwd, timeout=timeout)
    assert result.returncode == 0, (
        f"manage.py {shlex.join(argv)}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    return result.stdout


def run_line_ok(command: list[str], warm: WarmManage, cwd: Path) -> str:
    """A command line to its end (it must succeed): `PYTHON MANAGE_PY ...` with `warm`'s own
    interpreter and manage.py forked from it, any other in a fresh process with its
    environment. What it printed."""
    if command[:2] == [warm.python, warm.manage_py]:
        return manage_ok(warm, command[2:], cwd)
    return run_ok(command, warm.env, cwd)
