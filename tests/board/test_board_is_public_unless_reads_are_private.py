"""Nobody logs in to read the board while reads are public; with PUBLIC_READS off the pages
send a reader to log in and the feeds refuse."""

import re

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
    # The board's login, in the page's language (`/fr/login/` for `/fr/about/`).
    assert re.match(r"(/fr)?/login/\?next=", response["Location"]), response["Location"]
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


def test_a_reader_who_is_not_staff_logs_in_on_the_board(client, geneva, settings, reader):
    """The pages sent a reader to the admin's login, which takes staff only: a reader the
    board may show itself to was told to use "a staff account" (an outside reader's test)."""
    settings.PUBLIC_READS = False
    sent = client.get(GENEVA + "?as_of=2016-02-10")
    assert (
        sent["Location"]
        == "/login/?next=/processes/intra-syrian-talks-geneva/%3Fas_of%3D2016-02-10"
    )
    form = client.get(sent["Location"])
    assert form.status_code == 200
    assert (
        b'name="next" value="/processes/intra-syrian-talks-geneva/?as_of=2016-02-10"'
        in form.content
    )
    wrong = client.post("/login/", {"username": "reader", "password": "nope", "next": GENEVA})
    assert wrong.status_code == 200
    assert b'role="alert"' in wrong.content
    assert "_auth_user_id" not in client.session
    landed = client.post(
        "/login/", {"username": "reader", "password": "reader-pass-123", "next": GENEVA}
    )
    assert landed.status_code == 302
    assert landed["Location"] == GENEVA
    assert b"Intra-Syrian" in client.get(GENEVA).content
    # Not the admin: a reader is no staff.
    assert client.get("/admin/negotiations/process/").status_code == 302


def test_the_reader_s_login_goes_to_no_other_site_and_speaks_the_language(client, reader):
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        landed = client.post(
            "/login/", {"username": "reader", "password": "reader-pass-123", "next": elsewhere}
        )
        assert landed["Location"] == "/", elsewhere
        client.logout()
    french = client.get("/fr/login/").content.decode()
    assert 'lang="fr"' in french
    assert "Connexion" in french


def test_the_subscribe_page_says_no_program_can_subscribe(client, geneva, settings, reader):
    """It promised "no account" and addresses for a feed reader, which answer 403 to any
    program (an outside reader's test)."""
    public = client.get("/subscribe/").content.decode()
    assert "no account" in public
    assert 'id="reads-not-public"' not in public
    settings.PUBLIC_READS = False
    client.force_login(reader)
    private = client.get("/subscribe/").content.decode()
    assert "no account" not in private
    assert "a feed reader or a calendar app cannot subscribe" in private


def test_the_reader_s_login_locks_out_as_the_admin_s_does(client, reader):
    def attempt(password: str):
        form = {"username": "reader", "password": password, "next": "/"}
        return client.post("/login/", form, REMOTE_ADDR="10.0.0.70")

    for _ in range(4):
        assert attempt("guess").status_code == 200
    assert attempt("guess").status_code == 429
    assert attempt("reader-pass-123").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_reader_logs_out_from_the_board(client, geneva, settings, reader):
    """The admin's logout sent a reader to the admin, still logged in (a review)."""
    settings.PUBLIC_READS = False
    assert client.get("/logout/")["Location"] == "/login/"  # nobody to log out
    client.force_login(reader)
    page = client.get(GENEVA).content.decode()
    assert 'href="/logout/"' in page
    asked = client.get("/logout/")
    assert asked.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in asked.content
    assert "_auth_user_id" in client.session  # a GET logs nobody out
    out = client.post("/logout/")
    assert (out.status_code, out["Location"]) == (302, "/login/")
    assert "_auth_user_id" not in client.session
    assert client.get(GENEVA).status_code == 302
    settings.PUBLIC_READS = True
    client.force_login(reader)
    assert 'href="/logout/"' not in client.get(GENEVA).content.decode()


def test_the_login_says_reads_are_private_only_when_they_are(client, settings):
    said = b"Reads are not public on this tracker"
    assert said not in client.get("/login/").content
    settings.PUBLIC_READS = False
    assert said in client.get("/login/").content


def test_a_locked_out_reader_is_sent_back_to_the_board_s_login(client, reader):
    for _ in range(5):
        locked = client.post("/fr/login/", {"username": "reader", "password": "guess"})
    assert locked.status_code == 429
    assert b'href="/fr/login/"' in locked.content
    assert b"/admin/login/" not in locked.content
