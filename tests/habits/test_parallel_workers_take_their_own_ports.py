"""With parallel workers (dev.py test, pytest-xdist) and a range of ports (TEST_PORTS), each
worker takes its own share of the range, so two workers never start servers on one port; a
port just handed out is not handed out again at once; a worker whose share is all in use
takes another free port of the range rather than failing."""

from __future__ import annotations

import socket

import pytest

from tests import services


def six_free_ports() -> int:
    """The first of six consecutive loopback ports nothing listens on."""
    for low in range(42000, 60000, 6):
        try:
            for port in range(low, low + 6):
                services.bind_free(port)
        except OSError:
            continue
        return low
    raise OSError("no six consecutive free ports")


@pytest.fixture
def second_of_two_workers(monkeypatch) -> int:
    low = six_free_ports()
    monkeypatch.setenv("TEST_PORTS", f"{low}-{low + 5}")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "2")
    monkeypatch.setattr(services, "_handed_out", [])
    return low


def test_a_worker_takes_its_share_each_port_once_before_again(second_of_two_workers):
    low = second_of_two_workers
    given = [services.free_port() for _ in range(4)]
    assert given == [low + 1, low + 3, low + 5, low + 1]


def test_a_worker_whose_share_is_in_use_takes_another_port_of_the_range(second_of_two_workers):
    low = second_of_two_workers
    held = []
    try:
        for port in (low + 1, low + 3, low + 5):
            s = socket.socket()
            s.bind(("127.0.0.1", port))
            held.append(s)
        assert services.free_port() in (low, low + 2, low + 4)
    finally:
        for s in held:
            s.close()
