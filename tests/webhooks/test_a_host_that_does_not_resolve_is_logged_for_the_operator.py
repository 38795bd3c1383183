"""An operator's finding: a webhook host that did not resolve was disabled as "does not
resolve to public addresses only", and the worker's log, which the README says tells the
operator which, said nothing of it (it spoke only of private addresses)."""

from __future__ import annotations

import logging
import socket

import pytest

from negotiations.webhooks import outbound


def test_a_name_that_does_not_resolve_is_named_in_the_log(monkeypatch, caplog):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    with caplog.at_level(logging.INFO, logger=outbound.log.name):
        with pytest.raises(outbound.Unresolvable):
            outbound.destination("https://receiver.invalid/hook")
    assert "Webhook host receiver.invalid did not resolve" in caplog.text
    assert "Name or service not known" in caplog.text
