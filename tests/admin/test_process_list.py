"""The process list: status badge, overdue flag, mediators; filters and search."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import SOURCE, opening

LIST = "admin:negotiations_process_changelist"


def names(response):
    return [p.name for p in response.context["cl"].result_list]


def test_list_columns(editor_client, geneva):
    html = editor_client.get(reverse(LIST)).content.decode()
    assert 'class="status-badge status-suspended"' in html
    # By name, not by slug.
    assert 'class="field-mediators">United Nations, Staffan de Mistura, UN Special Envoy' in html
    assert "Intra-Syrian talks (Geneva)" in html


def test_filters_and_search(app, editor_client, geneva):
    # A second process, paused long ago with its resumption date passed: overdue.
    other = app.open_process(
        opening(name="Other talks", conflict="Other war", mediators=["turkey"]),
        recorded_by="setup",
    ).process_id
    app.convene_talks(other, occurred_on="2016-02-01", sources=[SOURCE], recorded_by="setup")
    app.pause_talks(
        other,
        occurred_on="2016-02-02",
        expected_resumption_on="2016-02-20",
        sources=[SOURCE],
        recorded_by="setup",
    )
    url = reverse(LIST)
    everything = {"Intra-Syrian talks (Geneva)", "Other talks"}
    assert everything <= set(names(editor_client.get(url)))
    # Beside the demo's Yemen round, paused since August 2016 (long overdue too).
    yemen = "Yemen peace talks (Kuwait)"
    assert names(editor_client.get(url, {"status": "paused"})) == ["Other talks", yemen]
    assert names(editor_client.get(url, {"mediator": "turkey"})) == ["Other talks"]
    assert "Intra-Syrian talks (Geneva)" in names(
        editor_client.get(url, {"mediator": "united-nations"})
    )
    assert names(editor_client.get(url, {"party": "hnc"})).count("Other talks") == 1
    assert names(editor_client.get(url, {"overdue": "yes"})) == ["Other talks", yemen]
    assert "Other talks" not in names(editor_client.get(url, {"overdue": "no"}))
    assert names(editor_client.get(url, {"q": "Other war"})) == ["Other talks"]
    assert names(editor_client.get(url, {"q": "Geneva"})) == ["Intra-Syrian talks (Geneva)"]
