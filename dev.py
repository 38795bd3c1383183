#!/usr/bin/env python3
"""The two commands: `python3 dev.py run` (set up and start the tracker with demo data) and
`python3 dev.py test` (the whole test suite). Only the standard library is used here, so it
works on a fresh machine with Python 3.11 or newer."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# TRACKER_VENV: another folder for it (the test that runs `dev.py run` from the runtime lock).
VENV = Path(os.environ.get("TRACKER_VENV") or ROOT / ".venv")
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env={**os.environ, **(env or {})})
    if result.returncode:
        sys.exit(result.returncode)


# The human-edited inputs (requirements*.in) and the hashed locks compiled from them, which are
# what gets installed. Each lock records the digest of the inputs it was compiled from, so an
# input edited without `python3 dev.py lock` is caught before anything is installed.
LOCKS = {
    "requirements.txt": "requirements.in",
    "requirements-dev.txt": "requirements-dev.in",
    "requirements-bench.txt": "requirements-bench.in",
}
DIGEST_LINE = "# inputs-sha256: "


def inputs_digest(root: Path = ROOT) -> str:
    """One digest of every input, so editing any of them calls for `python3 dev.py lock`."""
    digest = hashlib.sha256()
    for name in sorted(LOCKS.values()):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def lock_problems(root: Path = ROOT) -> list[str]:
    """What is out of sync between the inputs and the locks (nothing when all is well)."""
    expected = inputs_digest(root)
    problems = []
    for lock in LOCKS:
        path = root / lock
        if not path.exists():
            problems.append(f"{lock} is missing")
            continue
        recorded = [
            line.removeprefix(DIGEST_LINE).strip()
            for line in path.read_text().splitlines()
            if line.startswith(DIGEST_LINE)
        ]
        if recorded != [expected]:
            problems.append(f"{lock} was not compiled from the current {LOCKS[lock]}")
    return problems


def check_locks() -> None:
    problems = lock_problems()
    if problems:
        sys.exit(
            "The locks are out of sync with their inputs: "
            + "; ".join(problems)
            + ". Run `python3 dev.py lock`."
        )


def ensure_venv(requirements: str, *, in_sync: bool = True) -> None:
    """Create .venv and install the lock `requirements` (hashes required) unless that exact lock
    is installed already; first, unless told otherwise, refuse locks out of sync with their
    inputs (`lock` installs the dev lock as it is, to compile new ones from it)."""
    if sys.version_info < (3, 11):  # noqa: UP036 - said plainly to users of an older Python
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    if in_sync:
        check_locks()
    if not PYTHON.exists():
        say(f"Creating a virtual environment in {VENV.name}/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / requirements).read_bytes()).hexdigest()
    marker = VENV / f".installed-{Path(requirements).stem}"
    if marker.exists() and marker.read_text() == digest:
        return
    say(f"Installing {requirements}")
    sh(
        PYTHON,
        *("-m", "pip", "install", "--quiet", "--disable-pip-version-check"),
        *("--require-hashes", "-r", requirements),
    )
    marker.write_text(digest)


def lock(args: list[str]) -> None:
    """Compile each requirements*.in into its hashed lock (uv, from the dev lock), for every
    platform and Python 3.11+, keeping the pins already locked unless an input changed them;
    `python3 dev.py lock --upgrade` moves the unpinned (transitive) ones to their newest."""
    uv = BIN / "uv"
    if not uv.exists():  # an input edited before the dev lock was ever installed
        ensure_venv("requirements-dev.txt", in_sync=False)
    digest = inputs_digest()
    for lock_file, source in LOCKS.items():  # in order: each lock constrains the next
        say(f"Compiling {source} into {lock_file}")
        sh(
            uv,
            *("pip", "compile", "--quiet", "--universal", "--python-version", "3.11"),
            *("--generate-hashes", "--custom-compile-command", "python3 dev.py lock"),
            *args,
            *(source, "-o", lock_file),
        )
        path = ROOT / lock_file
        lines = [line for line in path.read_text().splitlines() if not line.startswith(DIGEST_LINE)]
        header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        lines.insert(header, f"{DIGEST_LINE}{digest}")
        path.write_text("\n".join(lines) + "\n")


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    sh(PYTHON, "manage.py", *args, env=env)


def site_url(address: str) -> str:
    """The URL a browser on this machine uses for runserver's ADDRESS ("8011", "0.0.0.0:8011",
    "[::]:8011", "127.0.0.1:8011")."""
    host, _, port = address.rpartition(":")
    # Maps a bind-all address to the loopback a browser can open; binds nothing itself.
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]", "0": "127.0.0.1"}.get(  # noqa: S104
        host, host
    )
    return f"http://{host}:{port}"


def run(args: list[str]) -> None:
    ensure_venv("requirements.txt")
    address = args[0] if args else "127.0.0.1:8000"
    # Every link the tracker prints or emails points where it is served (unless SITE_URL says
    # otherwise): the admin login below, the demo digest's unsubscribe link, the pages.
    env = {"SITE_URL": os.environ.get("SITE_URL") or site_url(address)}
    # Development: debug pages, the development key, plain HTTP. The tracker's own default is
    # DEBUG off, so that a production start that forgets it never shows them.
    env["DEBUG"] = os.environ.get("DEBUG") or "true"
    say("Migrating the database (SQLite under var/ unless DATABASE_URL is set)")
    manage("migrate", "--no-input", "-v", "0", env=env)
    say("Loading the demo data (five processes, Geneva 2016 to Sudan 2023)")
    manage("load_demo", env=env)
    manage("ensure_admin", env=env)
    if (ROOT / "negotiations" / "management" / "commands" / "send_digests.py").exists():
        say("Writing the demo digest (emails go to var/emails/)")
        manage("send_digests", "--demo", env=env)
    url = env["SITE_URL"].rstrip("/")
    say(f"Starting the tracker on {url}/ (admin: {url}/admin/, API: {url}/api/v1/)")
    manage("runserver", address, env=env)


# The static checks: lint, formatting, the layers' direction, the types and the catalogues.
CHECKS = (
    ("Lint (ruff)", [BIN / "ruff", "check", "--quiet", "."]),
    ("Formatting (ruff format)", [BIN / "ruff", "format", "--check", "--quiet", "."]),
    (
        "Layers (import-linter: entry points -> read -> write -> domain)",
        [BIN / "lint-imports", "--no-cache"],
    ),
    ("Types (mypy, strict on negotiations/domain)", [BIN / "mypy"]),
    (
        "Translations (every catalogue entry translated, none fuzzy, each .mo compiled)",
        [PYTHON, "-m", "tracker.catalogues"],
    ),
)


def start_checks(folder: Path) -> list[tuple[str, subprocess.Popen, Path]]:
    """Start every check at once, each writing to its own file in `folder`: they run beside
    the tests, on the CPU the tests leave idle while they wait on servers and subprocesses."""
    started = []
    for number, (title, command) in enumerate(CHECKS):
        log = folder / f"check-{number}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [str(c) for c in command], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        started.append((title, process, log))
    return started


def finish_checks(started: list[tuple[str, subprocess.Popen, Path]]) -> bool:
    """Wait for the checks and show what each said; whether all passed."""
    passed = True
    for title, process, log in started:
        code = process.wait()
        say(f"{title}: {'passed' if code == 0 else f'FAILED (exit {code})'}")
        output = log.read_text().strip()
        if output:
            print(output, flush=True)
        passed = passed and code == 0
    return passed


def bytecode_kept() -> dict[str, str]:
    """The environment for the test run, with Python's compiled modules kept (`__pycache__`,
    git-ignored) even where PYTHONDONTWRITEBYTECODE says not to write them, as in many
    containers: every worker and each of the hundred-odd Django processes the tests start
    would otherwise compile the tracker again, and pytest rewrite every test module's asserts
    again (collecting the suite: 4.7 s of CPU a worker, 2.8 s with them kept)."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def test(args: list[str]) -> None:
    ensure_venv("requirements-dev.txt")
    # The whole suite runs on every core and more (pytest-xdist; each worker has its own test
    # database, event stores and ports): TEST_WORKERS workers, 4 unless set (the tests wait on
    # servers, subprocesses and browsers for much of their time; docs/performance.md, "The
    # suite's time"); TEST_WORKERS=1 runs it in this one process. A chosen test runs in one
    # process unless its arguments say `-n`.
    workers = os.environ.get("TEST_WORKERS") or "4"
    parallel = [] if args or workers == "1" else ["-n", workers]
    database = os.environ.get("DATABASE_URL") or "SQLite"
    with tempfile.TemporaryDirectory(prefix="dev-test-") as folder:
        # A chosen test file skips the checks, CI never does.
        started = start_checks(Path(folder)) if not args or os.environ.get("CI") else []
        if started:
            say("Checks (ruff, import-linter, mypy, catalogues) beside the tests; said after them")
        say(f"Tests (pytest) on {database}" + (f", {workers} workers" if parallel else ""))
        try:
            tests = subprocess.run(
                [str(PYTHON), "-m", "pytest", *parallel, *args], cwd=ROOT, env=bytecode_kept()
            )
        except BaseException:  # interrupted: the checks stop too
            for _, process, _ in started:
                process.kill()
            raise
        checked = finish_checks(started)
    if tests.returncode:
        sys.exit(tests.returncode)
    if not checked:
        sys.exit("A check failed (above).")


COMMANDS = {"run": run, "test": test, "lock": lock}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(
            "usage: python3 dev.py run [ADDRESS:PORT] | test [PYTEST ARGS...] | lock [--upgrade]"
        )
    COMMANDS[sys.argv[1]](sys.argv[2:])
