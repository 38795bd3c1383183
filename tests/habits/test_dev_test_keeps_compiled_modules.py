"""`dev.py test` runs pytest with Python's compiled modules kept, even where the environment
says not to write them (PYTHONDONTWRITEBYTECODE, set in many containers and on this machine):
otherwise every worker rewrites every test module's asserts and every Django process the
tests start compiles the tracker again (docs/performance.md, "The suite, seventh pass")."""

from __future__ import annotations

import subprocess

from tests.habits.test_dependency_locks import load_dev


def test_the_test_run_writes_bytecode_and_keeps_the_rest_of_the_environment(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("DATABASE_URL", "postgres://example/tracker")
    environment = load_dev().bytecode_kept()
    assert "PYTHONDONTWRITEBYTECODE" not in environment
    assert environment["DATABASE_URL"] == "postgres://example/tracker"


def test_dev_test_hands_that_environment_to_pytest(monkeypatch):
    """`dev.py test` itself, with the installs, the checks and pytest replaced by stand-ins
    that note what they are given."""
    dev = load_dev()
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(dev, "ensure_venv", lambda lock: None)
    monkeypatch.setattr(dev, "start_checks", lambda folder: [])
    ran = []

    def run(command, **options):
        ran.append((command, options))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(dev.subprocess, "run", run)
    dev.test(["tests/habits"])
    [(command, options)] = ran
    assert command[1:3] == ["-m", "pytest"]
    assert "PYTHONDONTWRITEBYTECODE" not in options["env"]
    assert options["env"] == dev.bytecode_kept()  # the rest of the environment kept
