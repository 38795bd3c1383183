"""What a reader expects of a list (issue 23, item 24): a CSV download of what it shows,
sorting by last change and by overdue pauses, the timeline newest first, a print stylesheet
and a meta description."""

import re

from django.contrib.staticfiles import finders

from negotiations.read.models import Process

from .conftest import open_many

GENEVA = "/processes/intra-syrian-talks-geneva/"


def names(html: str) -> list[str]:
    return re.findall(r'data-label="Process"><a [^>]*><bdi>([^<]+)</bdi>', html)


def test_the_list_offers_its_rows_as_csv(client, anon, geneva):
    html = client.get("/", {"status": "suspended", "q": "geneva"}).content.decode()
    link = re.search(r'<a href="([^"]+)" id="csv" download>', html)
    assert link, "no CSV link"
    url = link[1].replace("&amp;", "&")
    assert url.startswith("/api/v1/processes/?format=csv")
    csv = anon.get(url)
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().strip().splitlines()
    assert len(lines) == 2  # the header and Geneva
    assert "Intra-Syrian talks (Geneva)" in lines[1]


def test_the_list_sorts_by_last_change_and_overdue_first(app, actors, client, geneva):
    open_many(app, 3)  # paused on 3 Feb 2016, expected back 25 Feb 2016: long overdue
    by_name = names(client.get("/").content.decode())
    assert by_name == sorted(by_name)
    newest = [p.name for p in Process.objects.order_by("-latest_change_on", "name")]
    assert names(client.get("/", {"sort": "last_change"}).content.decode()) == newest
    overdue = names(client.get("/", {"sort": "overdue"}).content.decode())
    assert overdue[:3] == ["p talks 00000", "p talks 00001", "p talks 00002"]
    assert "Intra-Syrian talks (Geneva)" in overdue[3:]  # suspended: not overdue
    assert 'option value="overdue" selected' in client.get("/?sort=overdue").content.decode()


def test_an_unknown_order_is_said(client, geneva):
    response = client.get("/", {"sort": "shoe-size"})
    assert response.status_code == 400
    assert "There is no order" in response.content.decode()


def test_the_timeline_can_run_newest_first(client, geneva):
    def sequences(html):
        return [int(s) for s in re.findall(r'<tr id="event-(\d+)"', html)]

    oldest = sequences(client.get(GENEVA).content.decode())
    newest_html = client.get(GENEVA, {"order": "newest"}).content.decode()
    dates = dict(geneva.timeline.values_list("sequence", "occurred_on"))
    assert [dates[s] for s in oldest] == sorted(dates[s] for s in oldest)  # as things happened
    assert sequences(newest_html) == oldest[::-1]
    assert 'id="oldest-first"' in newest_html
    assert 'id="newest-first"' in client.get(GENEVA).content.decode()


def test_pages_have_a_description_and_print_without_their_controls(client, geneva):
    for url in ("/", GENEVA, "/subscribe/", "/about/"):
        html = client.get(url).content.decode()
        description = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert description, url
        assert len(description[1]) > 40, url
    css = open(finders.find("board/board.css"), encoding="utf-8").read()
    printed = css[css.index("@media print") :]
    hidden = printed.split("{")[1]  # the first rule: what is not printed
    for control in ("header.site", "form", ".pager"):
        assert control in hidden, control
