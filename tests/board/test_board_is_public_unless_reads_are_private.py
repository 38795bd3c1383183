"""Nobody logs in to read the board while reads are public; with PUBLIC_READS off the pages
send a reader to log in and the feeds refuse."""

import pytest

GENEVA = "/processes/intra-syrian-talks-geneva/"
PAGES = ["/", GENEVA]
# Pages that list the processes too (/about/ did with reads private: every name and its API
# links).
LISTING = ["/about/", "/fr/about/", "/agreements/"]
FEEDS = [
    "/feeds/status-changes.atom",
    GENEVA + "feed.atom",
    "/calendar.ics",
    GENEVA + "calendar.ics",
]


@pytest.mark.parametrize("url", PAGES + FEEDS)
def test_anyone_reads_the_board_and_its_feeds(client, geneva, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"]


@pytest.mark.parametrize("url", PAGES + LISTING)
def test_private_reads_send_a_reader_to_log_in(client, geneva, settings, url):
    settings.PUBLIC_READS = False
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert b"Intra-Syrian" not in response.content


@pytest.mark.parametrize("url", FEEDS)
def test_private_reads_refuse_the_feeds(client, geneva, settings, url):
    settings.PUBLIC_READS = False
    response = client.get(url)
    assert response.status_code == 403
    assert b"Intra-Syrian" not in response.content


def test_private_reads_still_show_the_board_to_a_logged_in_user(client, geneva, settings, reader):
    settings.PUBLIC_READS = False
    client.force_login(reader)
    assert client.get(GENEVA).status_code == 200
    assert b"Intra-Syrian" in client.get("/about/").content


def test_an_unknown_process_is_a_404(client, geneva):
    assert client.get("/processes/no-such-talks/").status_code == 404
    assert client.get("/processes/no-such-talks/feed.atom").status_code == 404
    assert client.get("/processes/no-such-talks/calendar.ics").status_code == 404
