"""The Atom feeds (RFC 4287), read by feedparser as a feed reader would: no error, one
entry per status change newest first, each with its stated causes (who said it) and its
sources; corrections and retractions as entries of their own."""

from datetime import datetime

import feedparser

from board import selectors as board

GENEVA = "/processes/intra-syrian-talks-geneva/"


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_global_feed_has_every_status_change_newest_first(client, geneva):
    feed = parsed(client, "/feeds/status-changes.atom")
    changes = board.selectors.status_changes()
    assert len(feed.entries) == changes.count()
    updated = [datetime(*e.updated_parsed[:6]) for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert feed.feed.title and feed.feed.id and feed.feed.updated


def test_an_entry_carries_who_stated_each_cause_and_the_sources(client, geneva):
    feed = parsed(client, GENEVA + "feed.atom")
    pause = next(e for e in feed.entries if "→ paused" in e.title)
    assert pause.link.endswith(GENEVA + f"#event-{geneva.periods.get(status='paused').sequence}")
    assert "stated by Ban Ki-moon" in pause.summary
    assert "aerial" in pause.summary
    assert "<a href=" in pause.summary  # the sources, linked
    assert {t.term for t in pause.tags} == {"recorded", "paused"}
    # Only this process's changes.
    assert all("Intra-Syrian" in e.title for e in feed.entries)


def test_entry_ids_are_stable(client, app, geneva):
    first = [e.id for e in parsed(client, GENEVA + "feed.atom").entries]
    from tests.factories import SOURCE

    app.convene_talks(geneva.pk, occurred_on="2017-02-23", sources=[SOURCE], recorded_by="x")
    second = [e.id for e in parsed(client, GENEVA + "feed.atom").entries]
    assert second[1:] == first  # the new change on top, the others unchanged


def test_corrections_and_retractions_are_entries_of_their_own(client, geneva, monkeypatch):
    """The change log's amendment rows (kind, amends, reason) become entries of their own,
    titled as such, with the reason; a retraction withdraws the status."""
    rows = board.status_change_rows(process=geneva)
    paused = next(r for r in rows if r["to_status"] == "paused")
    correction = {
        **paused,
        "kind": "corrected",
        "amends": paused["sequence"],
        "sequence": 40,
        "reason": "The pause was announced a day later.",
        "recorded_at": "2026-01-02T10:00:00.000001Z",
    }
    retraction = {
        **paused,
        "kind": "retracted",
        "amends": paused["sequence"],
        "sequence": 41,
        "to_status": None,
        "causes": [],
        "reason": "Recorded on the wrong process.",
        "recorded_at": "2026-01-03T10:00:00.000001Z",
    }
    monkeypatch.setattr(
        board,
        "status_change_rows",
        lambda process=None, limit=50: [retraction, correction, *rows],
    )
    feed = parsed(client, GENEVA + "feed.atom")
    assert feed.entries[0].title.startswith("Retraction: Intra-Syrian talks (Geneva)")
    assert "Recorded on the wrong process." in feed.entries[0].summary
    assert feed.entries[1].title.startswith("Correction: Intra-Syrian talks (Geneva)")
    assert "The pause was announced a day later." in feed.entries[1].summary
    assert {t.term for t in feed.entries[1].tags} == {"corrected", "paused"}
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)  # an amendment never takes its original's id
