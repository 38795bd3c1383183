"""The process page shows the summary, the stated causes, the timeline and its picture."""

from tests.admin.conftest import page_url


def test_geneva_page_shows_summary_causes_timeline_and_picture(editor_client, geneva):
    response = editor_client.get(page_url(geneva))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Intra-Syrian talks (Geneva)" in html
    assert 'class="status-badge status-suspended"' in html
    assert "Syrian civil war" in html
    # The timeline: every event of the corrected view, in sequence order.
    assert [item["row"].type for item in response.context["timeline"]][:3] == [
        "process_opened",
        "talks_scheduled",
        "talks_scheduled",
    ]
    # The picture: one band per status period, transitions dated, causes as hover text.
    assert html.count('<g class="band band-') == geneva.periods.count()
    assert 'class="band band-paused"' in html
    assert "2016-02-03" in html
    assert "aerial bombings" in html
    assert "<script" not in html.split('class="status-picture"')[1].split("</svg>")[0]


def test_user_text_is_escaped_in_the_page_and_the_picture(app, active, editor_client):
    from tests.factories import SOURCE

    app.suspend_talks(
        active.pk,
        occurred_on="2016-02-05",
        causes=[
            {
                "category": "other",
                "stated_by": "turkey",
                "description": '<script>alert("x")</script> & more',
            }
        ],
        sources=[SOURCE],
        recorded_by="setup",
    )
    html = editor_client.get(page_url(active)).content.decode()
    assert "<script>alert" not in html
    picture = html.split('class="status-picture"')[1].split("</svg>")[0]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in picture
    assert 'class="band band-suspended"' in picture


def test_the_raw_history_shows_amendments(app, geneva, editor_client):
    app.retract_event(
        geneva.pk, occurred_on="2016-02-05", retracts=3, reason="Wrong.", recorded_by="x"
    )
    corrected = editor_client.get(page_url(geneva))
    raw = editor_client.get(page_url(geneva) + "?raw=1")
    assert "event_retracted" not in [i["row"].type for i in corrected.context["timeline"]]
    assert "event_retracted" in [i["row"].type for i in raw.context["timeline"]]
    assert "Show the corrected view" in raw.content.decode()


def _breadcrumbs(html: str) -> str:
    return html.split('<div class="breadcrumbs">')[1].split("</div>")[0]


def test_the_process_page_and_its_forms_share_one_breadcrumb_trail(editor_client, geneva):
    from tests.admin.conftest import record_url

    on_page = _breadcrumbs(editor_client.get(page_url(geneva)).content.decode())
    assert 'href="/admin/negotiations/process/"' in on_page
    assert on_page.rstrip().endswith("&rsaquo; Intra-Syrian talks (Geneva)")
    assert f'href="{page_url(geneva)}"' not in on_page  # the page itself is not a link

    on_form = _breadcrumbs(editor_client.get(record_url(geneva, "talks_resumed")).content.decode())
    assert 'href="/admin/negotiations/process/"' in on_form
    assert f'href="{page_url(geneva)}">Intra-Syrian talks (Geneva)</a>' in on_form
