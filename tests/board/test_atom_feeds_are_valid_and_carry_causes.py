"""The Atom feeds (RFC 4287), read by feedparser as a feed reader would: no error, one
entry per status change newest first, each with its stated causes (who said it) and its
sources; corrections and retractions as entries of their own."""

from datetime import datetime

import feedparser

from board import selectors as board
from tests.api.recording import opened_over_http, recorded

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
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:uuid:") for i in ids)
    assert feed.feed.title
    assert feed.feed.id
    assert feed.feed.updated


def the_first_pause(geneva):
    """The pause of 3 February 2016 (the demo has more than one pause)."""
    return geneva.periods.filter(status="paused").order_by("starts_on", "sequence").first()


def entries_for(feed, sequence: int) -> dict[str, feedparser.FeedParserDict]:
    """The entries about status change #`sequence`, by kind (recorded, corrected, ...)."""
    out = {}
    for e in feed.entries:
        if e.link.endswith(GENEVA + f"#event-{sequence}"):
            [kind] = {t.term for t in e.tags} & {"recorded", "corrected", "retracted"}
            assert kind not in out, (sequence, kind)
            out[kind] = e
    return out


def test_an_entry_carries_who_stated_each_cause_and_the_sources(client, geneva):
    feed = parsed(client, GENEVA + "feed.atom")
    period = the_first_pause(geneva)
    found = entries_for(feed, period.sequence)
    pause = found["recorded"]
    assert "→ paused" in pause.title
    assert {t.term for t in pause.tags} == {"recorded", "paused"}
    # As recorded on the day: each cause with who stated it, and the sources, linked.
    recorded = geneva.timeline.get(sequence=period.sequence).recorded["causes"]
    assert recorded
    assert pause.summary.count("stated by ") == len(recorded)
    assert "stated by Staffan de Mistura" in pause.summary
    assert "<a href=" in pause.summary  # the sources, linked
    # The correction's entry gives the causes as they now stand: Ban Ki-moon's, stated the
    # next day, among them.
    corrected = found["corrected"]
    assert corrected.summary.count("stated by ") == len(period.causes) > len(recorded)
    assert "stated by Ban Ki-moon" in corrected.summary
    assert "aerial" in corrected.summary
    assert "<a href=" in corrected.summary
    # Only this process's changes.
    assert all("Intra-Syrian" in e.title for e in feed.entries)


def test_the_demo_correction_of_the_pause_is_an_entry_with_its_reason(client, geneva):
    """The change log's `corrected` row is an entry of its own: titled as a correction,
    tagged with its kind, linked to the change it amends, with the correction's reason."""
    period = the_first_pause(geneva)
    correction = geneva.timeline.get(type="event_corrected", recorded__corrects=period.sequence)
    found = entries_for(parsed(client, GENEVA + "feed.atom"), period.sequence)
    assert set(found) == {"recorded", "corrected"}
    entry = found["corrected"]
    assert entry.title.startswith("Correction: \u2068Intra-Syrian talks (Geneva)\u2069")
    assert {t.term for t in entry.tags} == {"corrected", "paused"}
    assert "Reason: " + correction.recorded["reason"] in entry.summary
    assert entry.id != found["recorded"].id
    assert "Reason: " not in found["recorded"].summary


def test_entry_ids_are_stable(client, app, geneva):
    first = [e.id for e in parsed(client, GENEVA + "feed.atom").entries]
    from tests.factories import SOURCE

    # The demo's talks end suspended: a resumption is the status change they can take.
    app.resume_talks(geneva.pk, occurred_on="2017-02-23", sources=[SOURCE], recorded_by="x")
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
    assert feed.entries[0].title.startswith("Retraction: \u2068Intra-Syrian talks (Geneva)\u2069")
    assert "Recorded on the wrong process." in feed.entries[0].summary
    assert feed.entries[1].title.startswith("Correction: \u2068Intra-Syrian talks (Geneva)\u2069")
    assert "The pause was announced a day later." in feed.entries[1].summary
    assert {t.term for t in feed.entries[1].tags} == {"corrected", "paused"}
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)  # an amendment never takes its original's id


def test_only_a_change_that_may_state_causes_says_none_was(client, geneva):
    """A convening or a resumption takes no causes: "No cause was stated." under one read as
    a fact of the record (an analyst's resumption after Colombia's "No", whose cause the
    tracker cannot hold). The entries of changes that may state one still say so."""
    feed = parsed(client, GENEVA + "feed.atom")
    told = {e.title: e.summary for e in feed.entries}
    active = [s for t, s in told.items() if "→ active" in t]
    assert active
    assert not [s for s in active if "No cause was stated" in s], active
    assert not [s for s in active if "Stated causes" in s], active
    paused = [s for t, s in told.items() if "→ paused" in t]
    assert paused
    assert all("Stated causes" in s or "No cause was stated" in s for s in paused), paused


def test_a_month_precise_change_is_in_its_month(client, editor_api, actors):
    """ "planned → active, on February 2012" is not English: a month is "in"."""
    slug = opened_over_http(editor_api, name="Exploratory talks", occurred_on="2012-01-10")
    recorded(editor_api, slug, "talks_convened", "2012-02-01", date_precision="month")
    recorded(editor_api, slug, "talks_paused", "2012-03-05", expected_resumption_on="2012-04-02")
    summaries = [e.summary for e in parsed(client, f"/processes/{slug}/feed.atom").entries]
    assert [s for s in summaries if "active, in February 2012." in s], summaries
    assert [s for s in summaries if "paused, on 5 March 2012." in s], summaries
    assert not [s for s in summaries if "on February" in s], summaries
