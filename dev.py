#!/usr/bin/env python3
"""The two commands: `python3 dev.py run` (set up and start the tracker with demo data) and
`python3 dev.py test` (the whole test suite). Only the standard library is used here, so it
works on a fresh machine with Python 3.11 or newer."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env={**os.environ, **(env or {})})
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv(requirements: str) -> None:
    """Create .venv and install `requirements` unless that exact file is installed already."""
    if sys.version_info < (3, 11):  # noqa: UP036 - said plainly to users of an older Python
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    if not PYTHON.exists():
        say(f"Creating a virtual environment in {VENV.name}/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256()
    for name in (requirements, "requirements.txt"):
        digest.update((ROOT / name).read_bytes())
    marker = VENV / f".installed-{Path(requirements).stem}"
    if marker.exists() and marker.read_text() == digest.hexdigest():
        return
    say(f"Installing {requirements}")
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements)
    marker.write_text(digest.hexdigest())


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    sh(PYTHON, "manage.py", *args, env=env)


def site_url(address: str) -> str:
    """The URL a browser on this machine uses for runserver's ADDRESS ("8011", "0.0.0.0:8011",
    "[::]:8011", "127.0.0.1:8011")."""
    host, _, port = address.rpartition(":")
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]", "0": "127.0.0.1"}.get(
        host, host
    )
    return f"http://{host}:{port}"


def run(args: list[str]) -> None:
    ensure_venv("requirements.txt")
    address = args[0] if args else "127.0.0.1:8000"
    # Every link the tracker prints or emails points where it is served (unless SITE_URL says
    # otherwise): the admin login below, the demo digest's unsubscribe link, the pages.
    env = {"SITE_URL": os.environ.get("SITE_URL") or site_url(address)}
    say("Migrating the database (SQLite under var/ unless DATABASE_URL is set)")
    manage("migrate", "--no-input", "-v", "0")
    say("Loading the demo data (Geneva 2016, Havana 2012-16)")
    manage("load_demo")
    manage("ensure_admin", env=env)
    if (ROOT / "negotiations" / "management" / "commands" / "send_digests.py").exists():
        say("Writing the demo digest (emails go to var/emails/)")
        manage("send_digests", "--demo", env=env)
    url = env["SITE_URL"].rstrip("/")
    say(f"Starting the tracker on {url}/ (admin: {url}/admin/, API: {url}/api/v1/)")
    manage("runserver", address, env=env)


def test(args: list[str]) -> None:
    ensure_venv("requirements-dev.txt")
    say("Lint (ruff)")
    sh(BIN / "ruff", "check", ".")
    say(
        "Tests (pytest)"
        + (f" on {os.environ['DATABASE_URL']}" if os.environ.get("DATABASE_URL") else " on SQLite")
    )
    sh(PYTHON, "-m", "pytest", *args)


COMMANDS = {"run": run, "test": test}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("usage: python3 dev.py run [ADDRESS:PORT] | test [PYTEST ARGS...]")
    COMMANDS[sys.argv[1]](sys.argv[2:])
