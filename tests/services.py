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


def free_port() -> int:
    """A loopback port nothing listens on, for a server a test starts: any, or one of the
    range `TEST_PORTS=8200-8249` (where runs share a machine and each has its ports)."""
    low, _, high = os.environ.get("TEST_PORTS", "").partition("-")
    candidates = range(int(low), int(high) + 1) if low and high else [0]
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError(f"no free port in TEST_PORTS={os.environ['TEST_PORTS']}")


def wait_for(predicate, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
