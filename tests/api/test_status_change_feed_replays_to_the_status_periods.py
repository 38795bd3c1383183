"""`status-changes/` is a change log: each status change as recorded, then each correction or
retraction that changed one, with its own `recorded_at`. A consumer that polls with `since`
and applies the rows in order holds the corrected status history, the same as the periods.
"""

from __future__ import annotations

from typing import Any

from negotiations.read.models import StatusPeriod
from tests.api.recording import opened_over_http, recorded
from tests.api_fixtures import cause

FEED = "/api/v1/status-changes/"


class FeedConsumer:
    """A client that keeps the status changes of a process by polling the feed with `since`
    (the last `recorded_at` it saw, again: applying a row twice changes nothing)."""

    def __init__(self, client, slug: str) -> None:
        self.client, self.slug = client, slug
        self.since: str | None = None
        self.changes: dict[int, dict[str, Any]] = {}

    def poll(self) -> list[dict[str, Any]]:
        params = {"process": self.slug, "page_size": 2}  # small pages: follow `next`
        if self.since:
            params["since"] = self.since
        page = self.client.get(FEED, params).json()
        rows = list(page["results"])
        while page["next"]:
            page = self.client.get(page["next"]).json()
            rows += page["results"]
        for row in rows:
            self.apply(row)
            self.since = row["recorded_at"]
        return rows

    def apply(self, row: dict[str, Any]) -> None:
        if row["kind"] == "recorded":
            self.changes[row["sequence"]] = row
        elif row["kind"] == "corrected":
            self.changes[row["amends"]] = row
        else:
            assert row["kind"] == "retracted"
            assert row["to_status"] is None
            self.changes.pop(row["amends"], None)

    def periods(self) -> list[tuple]:
        """The status periods the changes add up to: each lasts until the next begins."""
        ordered = sorted(self.changes.items())
        out = []
        for i, (seq, row) in enumerate(ordered):
            ends_on = ordered[i + 1][1]["occurred_on"] if i + 1 < len(ordered) else None
            out.append(
                (
                    seq,
                    row["from_status"],
                    row["to_status"],
                    row["occurred_on"],
                    ends_on,
                    row["date_precision"],
                    row["causes"],
                    row["expected_resumption_on"],
                )
            )
        return out


def status_periods(slug: str) -> list[tuple]:
    """The status changes' periods as the projection holds them (the planned one aside)."""
    rows = StatusPeriod.objects.filter(process__slug=slug, from_status__isnull=False)
    return [
        (
            p.sequence,
            p.from_status,
            p.status,
            p.starts_on.isoformat(),
            p.ends_on.isoformat() if p.ends_on else None,
            p.date_precision,
            p.causes,
            p.expected_resumption_on.isoformat() if p.expected_resumption_on else None,
        )
        for p in rows.order_by("sequence")
    ]


def test_a_consumer_polling_with_since_ends_with_the_status_periods(anon, editor_api, actors):
    slug = opened_over_http(editor_api)
    consumer = FeedConsumer(anon, slug)
    late_starter = FeedConsumer(anon, slug)  # polls for the first time at the end
    steps = [
        ("talks_convened", "2016-02-01", {}),  # 2
        ("talks_paused", "2016-02-03", {"expected_resumption_on": "2016-02-25"}),  # 3
        (
            "statement_made",
            "2016-02-04",
            {"actor": "turkey", "stance": "critical", "summary": "No."},
        ),
        ("talks_resumed", "2016-02-29", {}),  # 5
        ("talks_paused", "2016-03-14", {"expected_resumption_on": "2016-03-20"}),  # 6
        ("talks_suspended", "2016-03-24", {"causes": [cause()]}),  # 7
        # The first pause began on the 4th, and the envoy had said the 26th.
        (
            "event_corrected",
            "2016-03-25",
            {
                "corrects": 3,
                "changes": {"occurred_on": "2016-02-04", "expected_resumption_on": "2016-02-26"},
                "reason": "The UN announced it on the 4th",
            },
        ),
        # The second pause was never announced: the talks went straight to a suspension.
        ("event_retracted", None, {"retracts": 6, "reason": "No pause was announced"}),
        ("event_corrected", "2016-03-26", {"corrects": 4, "changes": {"note": "x"}, "reason": "r"}),
        ("talks_resumed", "2016-04-13", {}),  # 11
    ]
    for type_, occurred_on, fields in steps:
        recorded(editor_api, slug, type_, occurred_on, **fields)
        consumer.poll()
        assert consumer.periods() == status_periods(slug)
    late_starter.poll()
    assert late_starter.periods() == consumer.periods() == status_periods(slug)
    assert [(p[0], p[1], p[2], p[3]) for p in consumer.periods()] == [
        (2, "planned", "active", "2016-02-01"),
        (3, "active", "paused", "2016-02-04"),
        (5, "paused", "active", "2016-02-29"),
        (7, "active", "suspended", "2016-03-24"),
        (11, "suspended", "active", "2016-04-13"),
    ]
    assert consumer.poll()[-1]["sequence"] == 11  # the boundary row again, nothing else


def test_amendment_rows_carry_their_own_time_what_they_amend_and_why(anon, editor_api, actors):
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-02-01")  # 2
    recorded(editor_api, slug, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")
    recorded(editor_api, slug, "talks_suspended", "2016-02-10", causes=[cause()])  # 4
    before = anon.get(FEED, {"process": slug}).json()["results"]
    moved = recorded(
        editor_api,
        slug,
        "event_corrected",
        "2016-02-12",
        corrects=3,
        changes={"occurred_on": "2016-02-04"},
        reason="Announced on the 4th",
    )
    retraction = recorded(editor_api, slug, "event_retracted", None, retracts=3, reason="No pause")

    new = anon.get(FEED, {"process": slug, "since": before[-1]["recorded_at"]}).json()
    rows = [r for r in new["results"] if r["kind"] != "recorded"]
    assert [(r["kind"], r["sequence"], r["amends"]) for r in rows] == [
        ("corrected", 5, 3),  # the pause moved to the 4th
        ("retracted", 6, 3),  # the pause withdrawn
        ("corrected", 6, 4),  # so the suspension now follows the active talks
    ]
    assert rows[0]["recorded_at"] == moved["recorded_at"] > before[-1]["recorded_at"]
    assert (rows[0]["occurred_on"], rows[0]["to_status"]) == ("2016-02-04", "paused")
    assert rows[1]["recorded_at"] == rows[2]["recorded_at"] == retraction["recorded_at"]
    assert (rows[1]["to_status"], rows[1]["reason"]) == (None, "No pause")
    assert (rows[2]["from_status"], rows[2]["to_status"]) == ("active", "suspended")
    # The rows first recorded stay as they were: the log only grows.
    again = anon.get(FEED, {"process": slug}).json()["results"]
    assert again[: len(before)] == before
