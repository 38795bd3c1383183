"""The process page of the Geneva talks: its status, the stated causes with who said each
and the source, the corrected timeline with a link to the raw history, the status on a date
the reader picks, and links to its Atom feed and calendar."""

import re

from tests.factories import correct, record

GENEVA = "/processes/intra-syrian-talks-geneva/"
FRENCH_VENUE = "Lieu"


def test_the_page_tells_where_the_talks_stand_and_why(client, geneva):
    html = client.get(GENEVA).content.decode()
    assert "<h1><bdi>Intra-Syrian talks (Geneva)</bdi></h1>" in html
    status = html.split('id="current-status"')[1].split("</dd>")[0]
    assert geneva.status.capitalize() in status
    assert 'href="/processes/intra-syrian-talks-geneva/feed.atom"' in html
    assert 'href="/processes/intra-syrian-talks-geneva/calendar.ics"' in html
    assert 'href="?history=raw#timeline"' in html


def test_status_on_a_chosen_date_with_its_causes(client, geneva):
    html = client.get(GENEVA + "?as_of=2016-02-10").content.decode()
    on_date = html.split('id="status-on-date"')[1].split("</section>")[0]
    assert "Paused" in on_date
    assert "25 February 2016" in on_date  # the expected resumption
    # Who said it, with the source.
    assert "stated by <bdi>Ban Ki-moon" in on_date
    assert "aerial" in on_date


def test_the_corrected_timeline_and_the_raw_history(client, app, geneva):
    convened = geneva.timeline.filter(type="talks_convened").first()
    reason = "The venue was named later."
    correction = {"corrects": convened.sequence, "changes": {"venue": "Palais des Nations"}}
    record(
        app, geneva.pk, "event_corrected", "2016-02-01", **correction, reason=reason, by="analyst"
    )
    corrected = client.get(GENEVA).content.decode()
    row = corrected.split(f'id="event-{convened.sequence}"')[1].split("</tr>")[0]
    assert "Palais des Nations" in row
    assert "The venue was named later." in row
    assert "Correction" not in corrected.split('id="events"')[1]  # amendments are applied
    raw = client.get(GENEVA + "?history=raw").content.decode()
    assert "Raw history (as recorded)" in raw
    raw_row = raw.split(f'id="event-{convened.sequence}"')[1].split("</tr>")[0]
    assert "Palais des Nations" not in raw_row
    # The fields it changed by their labels, in the reader's language (not `venue`): the
    # newest first, where this correction is.
    newest = client.get(GENEVA + "?history=raw&order=newest").content.decode()
    assert f"Corrects #{convened.sequence} (Venue): " in newest
    french = client.get("/fr" + GENEVA + "?history=raw&order=newest").content.decode()
    assert f"Corrige le n° {convened.sequence} ({FRENCH_VENUE})\u00a0: " in french
    assert "(venue)" not in french


def test_the_raw_history_shows_a_corrected_date_as_recorded(client, app, geneva):
    """An analyst's outside test: after a date's correction, the history "as recorded" showed
    the corrected date, so the original could be seen nowhere but in the API."""
    pause = geneva.timeline.get(type="talks_paused", occurred_on="2016-02-03").sequence
    correct(
        app, geneva.pk, pause, "2016-02-05", reason="The UN said the 4th.",
        changes={"occurred_on": "2016-02-04"},
    )  # fmt: skip

    def date_cell(html: str) -> str:
        return html.split(f'id="event-{pause}"')[1].split("</td>")[1]

    assert "4 February 2016" in date_cell(client.get(GENEVA).content.decode())
    assert "3 February 2016" in date_cell(client.get(GENEVA + "?history=raw").content.decode())


def test_user_text_is_escaped(client, app, actors):
    from tests.factories import opening

    app.open_process(
        opening(name="<script>alert(1)</script> talks", slug="xss-talks"), recorded_by="x"
    )
    html = client.get("/processes/xss-talks/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talks" in html


def test_the_corrected_timeline_reads_in_the_order_things_happened(client, app, geneva):
    """An analyst's outside test: "oldest first", yet a statement of 2 February recorded
    after everything else sat at the bottom. The corrected timeline is in date order; the
    raw history stays in the order recorded."""
    pause = geneva.timeline.get(type="talks_paused", occurred_on="2016-02-03").sequence
    late = record(app, geneva.pk, "statement_made", "2016-02-02", summary="Said late.")
    sequence = late.entry.sequence

    def order(url: str) -> list[int]:
        html = client.get(url).content.decode()
        return [int(n) for n in re.findall(r'<tr id="event-(\d+)"', html)]

    corrected = order(GENEVA)
    assert corrected.index(sequence) < corrected.index(pause)
    assert order(GENEVA + "?order=newest") == corrected[::-1]
    assert order(GENEVA + "?history=raw")[-1] == sequence


def test_a_statement_s_quote_is_shown_in_its_own_words(client, geneva):
    """The digest showed it and the board did not (an Arabic reader's outside test)."""
    html = client.get("/processes/colombia-farc-talks-havana/").content.decode()
    quote = "I ask the Colombian people for patience and strength ... There&#x27;s no doubt"
    assert f'<blockquote class="quote"><bdi>{quote}' in html
