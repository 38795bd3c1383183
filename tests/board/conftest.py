"""Helpers of the board's tests: many processes at once, HTML parsed strictly, and a page's
text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import html5lib
import pytest
import time_machine
from django.utils import timezone

from negotiations.domain.process import PeaceProcess
from negotiations.domain.specs import parse_body
from negotiations.read.projections import catch_up
from tests.factories import cause, opening, parsed


def open_many(app, count: int, *, prefix: str = "p") -> None:
    """`count` processes, each opened, convened and paused (with a cause), appended in
    batches by the library and projected once: quicker than one command each."""
    pending = []
    for i in range(count):
        process = PeaceProcess.open(
            parse_body(
                "process_opened",
                opening(
                    name=f"{prefix} talks {i:05d}",
                    slug=f"{prefix}-{i:05d}",
                    conflict=f"Conflict {i % 7}",
                ),
            ),
            recorded_by="setup",
        )
        for event_type, occurred_on, over in (
            ("talks_convened", "2016-01-29", {}),
            ("talks_paused", "2016-02-03", {"causes": [cause()]}),
        ):
            body = parsed(event_type, occurred_on, **over)
            process.record(event_type, body, recorded_by="setup")
        pending.extend(process.collect_events())
        if len(pending) >= 600:
            app.save(*pending)
            pending = []
    if pending:
        app.save(*pending)
    catch_up(app, batch_size=1000)


def parse_strictly(content: bytes) -> None:
    """Parse as a browser would, failing on any HTML parse error."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)


def text(client, url: str, **params) -> str:
    """The page at `url` (with the query `params`), which must answer 200, its white space
    folded to single spaces."""
    response = client.get(url, params)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def client(db):
    from django.test import Client

    return Client()


@contextmanager
def second_over() -> Iterator[None]:
    """The clock on past the time every write recorded now is visible, running: a page
    carries Last-Modified once no write of its last change's second can still come
    (board/http.settled), and a test reading it at once gets none."""
    from board.http import settling_seconds

    with time_machine.travel(timezone.now() + timedelta(seconds=settling_seconds() + 2), tick=True):
        yield


@pytest.fixture
def settled() -> Iterator[None]:
    """`second_over` for a whole test, after the fixtures before it in its arguments."""
    with second_over():
        yield
