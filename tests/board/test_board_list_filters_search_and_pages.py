"""The list: every process with its status, filtered by status and conflict, searched by
name or conflict, fifty to a page."""

import re

from .conftest import open_many


def names(html: str) -> list[str]:
    return re.findall(r'<th scope="row" data-label="Process"><a [^>]*><bdi>([^<]+)</bdi></a>', html)


def test_filters_search_and_pagination(app, actors, client, geneva):
    open_many(app, 60)
    everything = client.get("/").content.decode()
    assert len(names(everything)) == 50
    assert "Page 1 of 2" in everything
    second = client.get("/?page=2").content.decode()
    assert len(names(second)) == 50 - 50 + 15  # 60 + the five demo processes = 65
    paused = client.get("/?status=paused").content.decode()
    assert names(paused)
    # The opened ones, and Yemen's Kuwait round (paused on 6 August 2016, expected back
    # "within a month").
    assert all(n.startswith("p talks") or "Kuwait" in n for n in names(paused))
    assert "overdue" in paused  # paused until 25 Feb 2016: long overdue
    syria = client.get("/?conflict=Syrian+civil+war").content.decode()
    assert names(syria) == ["Intra-Syrian talks (Geneva)"]
    found = client.get("/?q=geneva").content.decode()
    assert names(found) == ["Intra-Syrian talks (Geneva)"]
    # The verb agrees with what matched, not with the total ("1 of 5 processes match.").
    assert "1 process of 65 matches." in found
    assert "1 processus sur 65 correspond. " in client.get("/fr/?q=geneva").content.decode()
    nothing = client.get("/?q=atlantis").content.decode()
    assert "No process matches these filters." in nothing
    assert "0 processes of 65 match." in nothing
    assert 'id="csv"' not in nothing  # no download of nothing (an Arabic reader's nit)
    assert 'id="csv"' in found


def test_an_unknown_status_is_said(client, geneva):
    response = client.get("/?status=asleep")
    assert response.status_code == 400
    assert "There is no status &#x27;asleep&#x27;" in response.content.decode()


def test_a_refusal_lists_the_choices_as_the_menu_words_them(client, geneva):
    """In the reader's words, each with the value a link carries: an Arabic reader was told
    "planned, active, paused..." beside a menu saying مقررة، جارية..."""
    page = client.get("/ar/?status=asleep").content.decode()
    assert "مقررة (planned)، جارية (active)، متوقفة مؤقتاً (paused)" in page
    page = client.get("/zh-hans/?sort=size").content.decode()
    assert "名称（name）、" in page


def test_overdue_lists_only_the_processes_whose_resumption_is_overdue(client, geneva):
    everything = names(client.get("/").content.decode())
    overdue = names(client.get("/?overdue=on").content.decode())
    api = client.get("/api/v1/processes/", {"overdue": "true"}).json()["results"]
    assert overdue == sorted(p["name"] for p in api)
    assert overdue
    assert len(overdue) < len(everything)
    assert names(client.get("/?overdue=no").content.decode()) == everything  # not a filter


def test_a_page_past_the_last_is_a_404_naming_it_as_typed(client, geneva):
    """The pages read "02" as page 2 (one cache entry, one link); the refusal says what the
    reader typed."""
    for url in ("/?page=02", f"/processes/{geneva.slug}/?page=%2009"):
        response = client.get(url)
        assert response.status_code == 404, url
        typed = "02" if "02" in url else " 09"
        assert f"There is no page &#x27;{typed}&#x27;." in response.content.decode(), url
