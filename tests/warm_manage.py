"""`manage.py` command lines, each in a process of its own, forked from one that has loaded
Django once: the settings, the apps, the URLs and every command's module. A fresh interpreter
spends about a second of CPU on that before a command does anything (more than most of the
commands the suite runs in a subprocess then do), so a test that runs many command lines, or
starts and kills the same command again and again, pays it once.

Each command still runs in its own process, with `manage.py`'s own entry point and its argv,
its own working folder, standard output and error, and its own process group (as
`Popen(start_new_session=True)`): it can be killed, and nothing it leaves in memory reaches
the next. What is shared is only what the loading did, which `manage.py` would have done the
same way; the loading process opens no database connection (the apps' `ready()` open none).

    with WarmManage(python, manage_py, env) as manage:
        result = manage.run(["migrate", "--no-input"], cwd=folder)   # to its end
        pid = manage.start(["run_projections"], log=path)            # in the background
        os.kill(pid, signal.SIGKILL); manage.wait(pid)

With `bare=True` the loaded process has imported only the packages the settings use (not the
settings: each start reads them anew), and runs `python -c` snippets, each in an environment
of its own, for tests that start the tracker with one environment after another:

    with WarmManage(python, manage_py, env, bare=True) as python_c:
        result = python_c.python_c("from django.conf import settings; ...", env, cwd=folder)

Run as a script by the Python whose packages it must use (a test's runtime environment): it
imports nothing but the standard library and Django (and, `bare`, the settings' packages)."""

from __future__ import annotations

import contextlib
import json
import os
import runpy
import select
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve()


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str


class WarmManage:
    """The test's side: a loaded process (this file run by `python` on `manage_py`, in
    `env`), asked for command lines over its standard input."""

    def __init__(
        self, python: str | Path, manage_py: str | Path, env: dict[str, str], *, bare: bool = False
    ) -> None:
        """`bare`: the loaded process imports only the packages the settings use (`BARE`), not
        the settings themselves, and runs `python -c` snippets (`python_c`), not commands."""
        self.python, self.manage_py, self.env = str(python), str(manage_py), env
        self.running: set[int] = set()  # the commands started and not waited for
        self.server = subprocess.Popen(
            [str(python), str(HERE), str(manage_py), *(["--bare"] if bare else [])],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.ask({"ready": True}, timeout=120)  # loaded, or why not

    def __enter__(self) -> WarmManage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ask(self, request: dict, timeout: float) -> dict:
        requests, answers = self.server.stdin, self.server.stdout
        assert requests is not None
        assert answers is not None
        requests.write(json.dumps(request) + "\n")
        requests.flush()
        readable, _, _ = select.select([answers], [], [], timeout)
        line = answers.readline() if readable else ""
        if not line:
            self.close()
            raise RuntimeError(f"the warm manage.py did not answer {request} in {timeout} s")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def start(self, argv: list[str], *, log: Path, cwd: Path | None = None) -> int:
        """`manage.py ARGV` started in the background, its output (both) added to `log`: its
        pid."""
        return self.fork(argv, cwd or HERE.parents[1], log, log)

    def fork(self, argv: list[str], cwd: Path, out: Path, err: Path) -> int:
        return self._fork({"argv": argv}, cwd, out, err)

    def _fork(self, what: dict, cwd: Path, out: Path, err: Path) -> int:
        request = {**what, "cwd": str(cwd), "out": str(out), "err": str(err)}
        pid = self.ask(request, timeout=30)["pid"]
        self.running.add(pid)
        return pid

    def wait(self, pid: int, timeout: float = 60) -> int:
        """The exit code of a command started here (negative: killed by that signal). If it
        has not ended after `timeout` seconds, everything here is stopped (`close`)."""
        code = self.ask({"wait": pid}, timeout=timeout)["code"]
        self.running.discard(pid)
        return code

    def run(self, argv: list[str], *, cwd: Path, timeout: float = 240) -> Finished:
        """`manage.py ARGV` in `cwd`, to its end: its exit code and what it printed."""
        return self._to_its_end({"argv": argv}, cwd, timeout)

    def python_c(self, code: str, env: dict[str, str], *, cwd: Path, timeout: float = 60):
        """With `bare`: `python -c CODE` in `env` (the whole environment) and `cwd`, to its end:
        its exit code and what it printed."""
        return self._to_its_end({"code": code, "env": env}, cwd, timeout)

    def _to_its_end(self, what: dict, cwd: Path, timeout: float) -> Finished:
        name = f".warm-manage-{uuid.uuid4().hex[:12]}"
        out, err = cwd / f"{name}.out", cwd / f"{name}.err"
        code = self.wait(self._fork(what, cwd, out, err), timeout)
        finished = Finished(code, out.read_text(), err.read_text())
        out.unlink()
        err.unlink()
        return finished

    def close(self) -> None:
        """Kill the commands still running (each in a process group of its own) and the
        loaded process."""
        for pid in self.running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        self.running.clear()
        if self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGKILL)
        self.server.wait(timeout=30)
        for pipe in (self.server.stdin, self.server.stdout):
            if pipe:
                pipe.close()


# --- The loaded process --------------------------------------------------------------------


def load(manage_py: Path) -> None:
    """What `manage.py` does before it runs a command, and the modules any command loads."""
    sys.path[0] = str(manage_py.parent)  # as when manage.py itself is run
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")  # manage.py's default
    import django
    from django.core.management import get_commands, load_command_class
    from django.urls import get_resolver

    django.setup()
    get_resolver().url_patterns  # noqa: B018 - every view module
    for name, app in get_commands().items():
        try:
            load_command_class(app, name)
        except ImportError:
            continue  # the command's own process reports it, as manage.py would


# What the settings import that is not the tracker's (`bare`): Celery and Django's settings
# machinery cost most of a process that only reads the settings.
BARE = ("celery", "celery.schedules", "kombu", "django.conf", "dj_database_url", "csp.constants")


def load_bare(manage_py: Path) -> None:
    sys.path[0] = str(manage_py.parent)
    for module in BARE:
        __import__(module)


def own_process(cwd: str, out: str, err: str) -> None:
    """In the forked process: a process group of its own in `cwd`, printing to `out`, `err`."""
    os.setsid()
    os.chdir(cwd)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
    os.dup2(os.open(out, flags), 1)
    os.dup2(os.open(err, flags) if err != out else 1, 2)


def snippet(code: str, env: dict[str, str]) -> int:
    """In the forked process: `python -c CODE` in `env`; its exit code (an exception is
    printed as Python prints one it did not catch, and is 1)."""
    os.environ.clear()
    os.environ.update(env)
    try:
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    return 0


def command(manage_py: Path, argv: list[str]) -> int:
    """In the forked process: `manage.py ARGV`; its exit code."""
    from django.db import connections

    sys.argv = [str(manage_py), *argv]
    try:
        runpy.run_path(str(manage_py), run_name="__main__")  # manage.py itself, as run
    except SystemExit as exit:
        code = exit.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        connections.close_all()
    return 0


def serve(manage_py: Path, bare: bool) -> None:
    replies = sys.stdout
    try:
        (load_bare if bare else load)(manage_py)
    except Exception as error:  # noqa: BLE001 - told to the test, which fails with it
        replies.write(json.dumps({"error": f"loading Django failed: {error!r}"}) + "\n")
        replies.flush()
        return
    for line in sys.stdin:
        request = json.loads(line)
        if "ready" in request:
            answer: dict = {"ready": True}
        elif "wait" in request:
            _, status = os.waitpid(request["wait"], 0)
            answer = {"code": os.waitstatus_to_exitcode(status)}
        else:
            replies.flush()
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    own_process(request["cwd"], request["out"], request["err"])
                    if "code" in request:
                        code = snippet(request["code"], request["env"])
                    else:
                        code = command(manage_py, request["argv"])
                except BaseException:  # noqa: BLE001 - printed to the command's own error
                    import traceback

                    traceback.print_exc()
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            answer = {"pid": pid}
        replies.write(json.dumps(answer) + "\n")
        replies.flush()


if __name__ == "__main__":
    serve(Path(sys.argv[1]).resolve(), bare=sys.argv[2:] == ["--bare"])
