"""The Atom entry of a retraction says what was retracted (the change, its date, the causes it
had stated, who stated them) and why, never "No cause was stated"."""

import feedparser

from tests.factories import cause, opening, record


def test_a_retracted_pause_is_told_with_its_causes_and_the_reason(client, app, actors):
    opened = app.open_process(opening(), recorded_by="x")
    pid = opened.process_id
    record(app, pid, "talks_convened", "2016-02-01")
    pause = record(
        app,
        pid,
        "talks_paused",
        "2016-02-03",
        causes=[cause("military_escalation", "ban-ki-moon", description="Air strikes.")],
    )
    app.retract_event(
        pid,
        occurred_on="2016-02-05",
        retracts=pause.sequence,
        reason="The talks were never paused: a misread wire.",
        recorded_by="x",
    )

    response = client.get("/processes/test-talks/feed.atom")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    (entry,) = [e for e in feed.entries if "retracted" in {t.term for t in e.tags}]
    summary = entry.summary
    assert entry.title.startswith("Retraction: \u2068Test talks\u2069")  # the name isolated
    assert f"Talks paused (#{pause.sequence})" in summary
    assert "3 February 2016" in summary
    assert "Reason for the retraction: The talks were never paused: a misread wire." in summary
    assert "No cause was stated" not in summary
    assert "Air strikes." in summary
    assert "stated by Ban Ki-moon" in summary


def test_a_chinese_retraction_sets_no_space_after_its_colons(client, app, actors):
    """ "撤销理由： The talks…" and "由第 3 号撤销： …": the space after a label's "：" is the
    catalogue's, none in Chinese (on the page's timeline and in the feed)."""
    from tests.full_width import spaced_after_full_width

    opened = app.open_process(opening(), recorded_by="x")
    pid = opened.process_id
    record(app, pid, "talks_convened", "2016-02-01")
    pause = record(app, pid, "talks_paused", "2016-02-03")
    app.retract_event(
        pid, occurred_on="2016-02-05", retracts=pause.sequence, reason="Misread.", recorded_by="x"
    )
    for path in ("/zh-hans/processes/test-talks/", "/zh-hans/processes/test-talks/feed.atom"):
        page = client.get(path).content.decode()
        assert "Misread." in page
        assert not spaced_after_full_width(page), path
