"""The tracker as deployed (issue 21): a virtual environment built from the runtime lock alone
(`requirements.txt`, never the dev lock, whose extra packages once hid a worker that could not
start), the README's production lines run as written from it (gunicorn, a Celery worker, beat
and the projection runner, against this test's database, Redis and SMTP server), and a
webhook and a digest must arrive. The same environment runs `dev.py run` and every other
`manage.py` line of the README, and imports every module of the tracker. Each `manage.py`
line runs in a process of its own, forked from one that loaded Django from the same
environment once (tests/warm_manage.py): a fresh interpreter for each cost a second of CPU.

The environment is built once per lock (in var/runtime-venv/, keyed by the lock's digest), so
the SQLite and the PostgreSQL runs of `.ci/run` share it."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from celery import Celery

from negotiations.digests.models import Delivery, FollowedProcess, Subscription
from negotiations.interchange.demo import GENEVA_SLUG
from negotiations.read.models import Process
from negotiations.webhooks.models import Endpoint
from tests.integration.helpers import (
    answers,
    dev_run_env,
    manage_ok,
    run_line_ok,
    run_ok,
    start_dev_run,
)
from tests.services import free_port, redis_db, require_service, wait_for
from tests.subprocess_env import ROOT, database_url, subprocess_env
from tests.webhooks.receiver import verify

# The first build downloads and installs the lock (a minute or two on a cold pip cache).
pytestmark = pytest.mark.timeout(600)

README = ROOT / "README.md"
LOCK = ROOT / "requirements.txt"
VENVS = ROOT / "var" / "runtime-venv"
REDIS = ("127.0.0.1", 6379)
REDIS_DB = redis_db(3)
# Long-running lines of the production block (started, then stopped by the test); the
# others run to completion first.
SERVERS = ("gunicorn", "celery", "run_projections")
README_ADDRESS = "127.0.0.1:8000"  # where the README's gunicorn binds: the test's own port
HOST = "tracker.example.org"  # the README's ALLOWED_HOSTS


def say(capsys, message: str) -> None:
    with capsys.disabled():
        print(f"\n==> {message}", flush=True)


# --- The README's production block ----------------------------------------------------------


def production_block() -> list[str]:
    """The lines of the sh block under the README's "## Production"."""
    section = README.read_text().split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()


def production_lines() -> tuple[list[list[str]], dict[str, str], list[list[str]]]:
    """The install steps, the exported variables and the command lines, as words."""
    install: list[list[str]] = []
    exported: dict[str, str] = {}
    commands: list[list[str]] = []
    for line in production_block():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words[0] == "export":
            exported.update(word.split("=", 1) for word in words[1:])
        elif "&&" in words or words[0] == "python3":
            while "&&" in words:
                cut = words.index("&&")
                install.append(words[:cut])
                words = words[cut + 1 :]
            install.append(words)
        else:
            commands.append(words)
    return install, exported, commands


def as_deployed(words: list[str], venv: Path, **replace: str) -> list[str]:
    """A README line with the checkout's paths made absolute and `.venv` the built one."""
    out = []
    for word in words:
        if word == ".venv" or word.startswith(".venv/"):
            word = str(venv) + word.removeprefix(".venv")
        elif word == "python3":
            word = sys.executable
        elif word in ("manage.py", "requirements.txt") or word.startswith("docs/"):
            word = str(ROOT / word)
        out.append(replace.get(word, word))
    return out


# --- The environment from the runtime lock ---------------------------------------------------


@pytest.fixture
def runtime_venv(capsys) -> Path:
    """A virtual environment made by the README's install line from `requirements.txt`
    alone, once per lock digest (a file lock keeps two test runs from building it at once)."""
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()[:16]
    venv = VENVS / digest
    done = venv / ".built-from-requirements"
    VENVS.mkdir(parents=True, exist_ok=True)
    with open(VENVS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return venv
        for old in VENVS.iterdir():  # earlier locks' environments and logs, or a half-built one
            if old.is_dir():
                shutil.rmtree(old)
            elif old.suffix == ".log":
                old.unlink()
        install, _, _ = production_lines()
        assert install, "the README's production block has no install line"
        log = VENVS / f"{digest}.log"
        started = time.monotonic()
        say(capsys, f"Building {venv} from requirements.txt alone (log: {log})")
        with log.open("w") as out:
            for words in install:
                result = subprocess.run(
                    as_deployed(words, venv),
                    cwd=ROOT,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    timeout=540,
                    check=False,
                )
                assert result.returncode == 0, (
                    f"{shlex.join(words)} failed:\n" + (log.read_text()[-4000:])
                )
        done.write_text(f"{time.monotonic() - started:.1f} s\n")
        say(capsys, f"Built in {time.monotonic() - started:.0f} s")
    return venv


# --- Processes the test starts -----------------------------------------------------------------


class Servers:
    """Long-running processes, each in its own process group with its log in a file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                command,
                cwd=self.folder,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # gunicorn's and Celery's children go with them
            )
        self.started.append((name, process))
        return process

    def dead(self) -> list[str]:
        """The processes that stopped (none of them should, until the test stops them)."""
        return [name for name, process in self.started if process.poll() is not None]

    def logs(self) -> str:
        return "\n".join(
            f"--- {name} (exit {process.poll()}):\n"
            + (self.folder / f"{name}.log").read_text()[-2500:]
            for name, process in self.started
        )

    def stop_all(self) -> None:
        for _, process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            else:
                try:  # children a master left behind
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


@pytest.fixture
def servers(tmp_path):
    started = Servers(tmp_path)
    yield started
    started.stop_all()


@pytest.fixture
def queue():
    """A Redis queue of this test's own (database REDIS_DB), removed afterwards."""
    require_service("Redis", *REDIS)
    name = f"production-test-{uuid.uuid4().hex[:12]}"
    yield name
    import redis

    client = redis.Redis(*REDIS, db=REDIS_DB)
    client.delete(name, *client.scan_iter(f"*{name}*"))  # the queue and kombu's bindings


# --- The tests ---------------------------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_production_lines_deliver_a_webhook_and_a_digest_from_the_runtime_lock(
    runtime_venv, servers, smtp_server, receiver, queue, tmp_path, capsys, warm_manage
):
    controller, inbox = smtp_server
    _, exported, commands = production_lines()
    port = free_port()
    metrics = tmp_path / "metrics"  # the README's empty folder for the workers' metrics
    metrics.mkdir()
    # The README's values, except where this test's own servers are.
    env = subprocess_env(
        **{
            **exported,
            "DATABASE_URL": database_url(),  # the test database
            # The README reads the key from a file the deployer makes once.
            "SECRET_KEY": secrets.token_urlsafe(50),
            "METRICS_TOKEN": secrets.token_urlsafe(32),  # read from a file too
            "CACHE_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
            "CELERY_BROKER_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "EMAIL_HOST": controller.hostname,
            "EMAIL_PORT": str(controller.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": "10",
            # The async mode, so that every line of the block runs (run_projections too).
            "PROJECT_AFTER_WRITE": "false",
            "WEBHOOK_DISPATCH_SECONDS": "1",
            "WEBHOOK_ALLOW_PRIVATE_URLS": "true",  # the receiver is on loopback
            # Production's own settings, not the suite's (tests.settings adds a fast hasher).
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
        }
    )
    env["PATH"] = f"{runtime_venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    for variable in ("VIRTUAL_ENV", "PYTHONHOME"):
        env.pop(variable, None)
    base = f"http://127.0.0.1:{port}"
    behind_proxy = {"Host": HOST, "X-Forwarded-Proto": "https"}

    assert any(README_ADDRESS in words for words in commands), "gunicorn binds elsewhere"
    started = time.monotonic()
    # The manage.py lines, each a process forked from one that loaded Django once.
    warm = warm_manage(runtime_venv / "bin" / "python", env)
    for words in commands:
        command = as_deployed(words, runtime_venv, **{README_ADDRESS: f"127.0.0.1:{port}"})
        if any(server in word for word in words for server in SERVERS):
            name = re.sub(r"\W+", "-", " ".join(words[:4]).removeprefix(".venv/bin/"))
            servers.start(f"{len(servers.started)}-{name}", command, env)
        else:
            run_line_ok(command, warm, tmp_path)
    assert len(servers.started) == 4, servers.logs()

    # What `dev.py run` sets up, from the same environment: the demo, the admin, a token.
    manage_ok(warm, ["load_demo"], tmp_path)
    manage_ok(warm, ["ensure_admin"], tmp_path)
    token = manage_ok(warm, ["issue_token", "admin"], tmp_path).strip()
    api = requests.Session()
    api.headers.update({**behind_proxy, "Authorization": f"Token {token}"})

    up = wait_for(lambda: servers.dead() or answers(base + "/healthz", **behind_proxy), 60)
    if not up or servers.dead():
        pytest.fail(f"not up, or stopped: {servers.dead()}\n{servers.logs()}")
    assert answers(base + "/static/admin/css/base.css", **behind_proxy), "collectstatic"
    # run_projections applies the demo (the async mode): the board and the API have it.
    assert wait_for(lambda: Process.objects.filter(slug=GENEVA_SLUG).exists(), timeout=60), (
        servers.logs()
    )

    registered = api.post(
        base + "/api/v1/webhooks/",
        json={"url": receiver.url + "/hooks", "processes": [GENEVA_SLUG], "kinds": ["event"]},
        timeout=10,
    )
    assert registered.status_code == 201, registered.text
    secret = registered.json()["secret"]
    subscription = Subscription.objects.create(email="newsroom@example.org", frequency="weekly")
    FollowedProcess.objects.create(
        subscription=subscription, process=Process.objects.get(slug=GENEVA_SLUG)
    )

    written = time.monotonic()
    recorded = api.post(
        f"{base}/api/v1/processes/{GENEVA_SLUG}/events/",
        json={
            "type": "statement_made",
            "occurred_on": "2017-01-10",
            "actor": "turkey",
            "stance": "critical",
            "summary": "No point.",
            "sources": [{"url": "https://example.org/report", "outlet": "Example Wire"}],
        },
        timeout=10,
    )
    assert recorded.status_code == 201, recorded.text
    position = recorded.json()["position"]
    # Beat's schedule as it fires on Monday 8 February 2016 (the Geneva week's digest).
    client = Celery("production-test-client", broker=env["CELERY_BROKER_URL"], set_as_current=False)
    try:
        client.send_task("digests.send_due_digests", args=["2016-02-08"], queue=queue)
    finally:
        client.close()

    if not wait_for(lambda: servers.dead() or (receiver.received and inbox.messages), 90):
        pytest.fail(f"no webhook or no digest arrived:\n{servers.logs()}")
    assert not servers.dead(), servers.logs()
    first = time.monotonic()
    # Exactly one webhook: the endpoint has moved past the event, and nothing else came.
    assert wait_for(
        lambda: Endpoint.objects.get(id=registered.json()["id"]).position >= position, timeout=30
    ), servers.logs()
    assert len(receiver.received) == 1
    payload = verify(receiver.received[0], secret)  # the standardwebhooks package, and by hand
    assert position in (payload.get("position"), payload.get("data", {}).get("position"))
    assert GENEVA_SLUG in json.dumps(payload)

    assert wait_for(lambda: Delivery.objects.filter(status="sent").exists(), timeout=30)
    assert [m["To"] for m in inbox.messages] == ["newsroom@example.org"]
    assert "1–7 Feb 2016" in inbox.messages[0]["Subject"]
    assert all(process.poll() is None for _, process in servers.started), servers.logs()
    say(
        capsys,
        f"production lines up in {written - started:.1f} s; first webhook and digest "
        f"{first - written:.1f} s after the write",
    )


def readme_manage_lines() -> list[list[str]]:
    """Every `.venv/bin/python manage.py ...` line in the README's code blocks outside the
    production block (which the test above runs)."""
    text = README.read_text()
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    production = "\n".join(production_block())
    found = []
    for block in blocks:
        if block.strip() == production.strip():
            continue
        for line in re.findall(r"\.venv/bin/python manage\.py [^)#\n]*", block):
            found.append(shlex.split(line))
    return found


def test_dev_run_and_the_readme_commands_from_the_runtime_lock_alone(
    runtime_venv, tmp_path, warm_manage
):
    """`python3 dev.py run` with its environment built from requirements.txt alone (migrate,
    load_demo, ensure_admin, send_digests --demo, runserver), then each `manage.py` line of the
    README against what it set up."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dev_run_env(tmp_path / "var", TRACKER_VENV=str(runtime_venv))
    installed = runtime_venv / ".installed-requirements"  # dev.py's mark of its install
    installed.unlink(missing_ok=True)
    log = tmp_path / "dev-run.log"
    server = start_dev_run(f"127.0.0.1:{port}", env, log)
    try:
        assert wait_for(lambda: answers(base + "/"), timeout=240), log.read_text()[-3000:]
        assert list((tmp_path / "var" / "emails").glob("*.log")), log.read_text()[-3000:]
        # dev.py installed into (and ran from) the runtime environment, not .venv/
        assert installed.exists(), log.read_text()[-3000:]
        env["PYTHONPATH"] = str(ROOT)
        lines = readme_manage_lines()
        assert len(lines) >= 5, lines  # send_digests (3), import_events, export_events, ...
        warm = warm_manage(runtime_venv / "bin" / "python", env)  # each line forked from it
        for words in lines:
            said = run_line_ok(as_deployed(words, runtime_venv), warm, tmp_path)
            if "rebuild_projections" in words:
                # The load's parts are interpreters of the runtime environment too.
                assert "loaded by 2 processes" in said, said
        assert any("rebuild_projections" in words for words in lines), lines
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_every_module_of_the_tracker_imports_from_the_runtime_lock(runtime_venv, tmp_path):
    """No dev-only package (pytest, hypothesis, aiosmtpd...) behind any import of the tracker's
    own code, even in a path no command above took."""
    script = (
        "import importlib, pkgutil, django\n"
        "django.setup()\n"
        "failed = []\n"
        "for package in ('tracker', 'negotiations', 'api', 'board', 'landing'):\n"
        "    root = importlib.import_module(package)\n"
        "    for module in pkgutil.walk_packages(root.__path__, package + '.'):\n"
        "        try:\n"
        "            importlib.import_module(module.name)\n"
        "        except ImportError as error:\n"
        "            failed.append(f'{module.name}: {error!r}')\n"
        "print('\\n'.join(failed))\n"
        "raise SystemExit(1 if failed else 0)\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "EVENT_STORE_", "CELERY_"))
        and k not in ("VIRTUAL_ENV", "PYTHONPATH")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        TRACKER_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
    )
    run_ok([str(runtime_venv / "bin" / "python"), "-c", script], env, tmp_path)
