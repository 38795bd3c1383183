"""The process page shows the summary, the stated causes, the timeline and its picture."""

from tests.admin.conftest import page_url


def test_geneva_page_shows_summary_causes_timeline_and_picture(editor_client, geneva):
    response = editor_client.get(page_url(geneva))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Intra-Syrian talks (Geneva)" in html
    assert 'class="status-badge status-concluded"' in html
    assert "Syrian civil war" in html
    # The timeline: every event of the corrected view, in sequence order.
    assert [item["row"].type for item in response.context["timeline"]][:3] == [
        "process_opened",
        "talks_scheduled",
        "statement_made",
    ]
    # The picture: one band per status period, transitions dated, causes as hover text.
    assert html.count('<g class="band band-') == geneva.periods.count()
    assert 'class="band band-paused"' in html
    assert "2016-02-03" in html
    assert "aerial bombing" in html
    assert "<script" not in html.split('class="status-picture"')[1].split("</svg>")[0]
