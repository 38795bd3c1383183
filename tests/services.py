"""Real servers on loopback: tests that need one skip with a reason on a machine without it,
and fail in CI (CI=true), where the servers are part of the machine."""

from __future__ import annotations

import os
import socket
import time

import pytest


def reachable(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    if reachable(host, port):
        return
    reason = f"{name} is not reachable on {host}:{port}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run this test, not skip it)")
    pytest.skip(reason)


def redis_db(default: int) -> int:
    """The Redis database a test's broker or cache uses: `TEST_REDIS_DB` where runs share a
    machine and each has its own database (as `TEST_PORTS` its ports), else `default`."""
    return int(os.environ.get("TEST_REDIS_DB", default))


def worker() -> tuple[int, int]:
    """This process's place among the suite's parallel workers (pytest-xdist sets
    PYTEST_XDIST_WORKER=gw<i> and PYTEST_XDIST_WORKER_COUNT in each): (i, count), or (0, 1)
    in a run without workers."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not name.startswith("gw"):
        return 0, 1
    return int(name.removeprefix("gw")), int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


_handed_out: list[int] = []  # the ports of the range this process gave, oldest first


def free_port() -> int:
    """A loopback port nothing listens on, for a server a test starts: any, or one of the
    range `TEST_PORTS=8200-8249` (where runs share a machine and each has its ports). With
    parallel workers each takes its own share of the range (every count-th port), so two
    workers never pick the same one while it has a free port of its own (then it takes any
    free one of the range); a port handed out is the last to be given again, so two asked for
    before either server starts differ."""
    low, _, high = os.environ.get("TEST_PORTS", "").partition("-")
    if not (low and high):
        return bind_free(0)
    index, count = worker()
    ports = range(int(low), int(high) + 1)
    share = [p for p in ports if (p - int(low)) % count == index]
    others = [p for p in ports if p not in share]  # taken only when the share is all in use
    by_age = sorted(share, key=lambda p: _handed_out.index(p) if p in _handed_out else -1)
    for port in by_age + others:
        try:
            bind_free(port)
        except OSError:
            continue
        if port in _handed_out:
            _handed_out.remove(port)
        _handed_out.append(port)
        return port
    raise OSError(f"no free port in TEST_PORTS={os.environ['TEST_PORTS']}")


def bind_free(port: int) -> int:
    """Bind `port` on loopback (0: any) and let it go again; the port bound."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
