"""The status on a date a reader asks for (`?as_of=`) is told at the top of the page, under
the process's name and before today's status, not thousands of pixels down below the
picture; without a date, the form to ask sits where it always was, and the summary links it."""

GENEVA = "/processes/intra-syrian-talks-geneva/"


def test_the_answer_comes_before_todays_status(client, geneva):
    html = client.get(GENEVA, {"as_of": "2016-02-10"}).content.decode()
    answer = html.index('id="status-on-date"')
    assert html.index("<h1") < answer < html.index('id="current-status"')
    assert answer < html.index('id="periods"') < html.index('id="events"')
    told = html[answer : html.index("</section>", answer)]
    assert "Paused" in told
    assert "25 February 2016" in told  # expected to resume
    assert "Ban Ki-moon" in told  # who stated the cause
    assert html.count('id="as-of"') == 1  # one form, at the answer
    assert "Hide this date" in told


def test_without_a_date_the_form_is_below_the_picture(client, geneva):
    html = client.get(GENEVA).content.decode()
    assert 'id="status-on-date"' not in html
    assert html.index('id="current-status"') < html.index('id="periods"') < html.index('id="as-of"')
    assert 'href="#as-of"' in html  # the summary links it


def test_a_date_that_is_not_one_is_said_at_the_top(client, geneva):
    response = client.get(GENEVA, {"as_of": "2016-13-45"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.index('role="alert"') < html.index('id="current-status"')
