"""The hashed locks are what `dev.py run` and `dev.py test` install: they must come from the
current inputs (requirements*.in), and an input edited without `python3 dev.py lock` is caught."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_locks_come_from_the_current_inputs():
    assert load_dev().lock_problems() == []


def test_every_locked_package_carries_its_hashes():
    dev = load_dev()
    for lock in dev.LOCKS:
        pins = [line for line in (ROOT / lock).read_text().splitlines() if "==" in line]
        assert pins, lock
        for pin in pins:
            assert pin.rstrip().endswith("\\"), f"{lock}: {pin} has no --hash"


def test_an_input_edited_without_relocking_is_caught(tmp_path):
    dev = load_dev()
    for name in [*dev.LOCKS, *dev.LOCKS.values()]:
        shutil.copy(ROOT / name, tmp_path / name)
    assert dev.lock_problems(tmp_path) == []
    with (tmp_path / "requirements.in").open("a") as file:
        file.write("pydantic==2.0\n")
    problems = dev.lock_problems(tmp_path)
    assert len(problems) == 3
    assert "requirements.txt was not compiled from the current requirements.in" in problems
