"""Every board page is well-formed HTML (html5lib's strict parser: any parse error fails),
with its landmarks and headings, and every picture has its table."""

import re

import pytest

from .conftest import parse_strictly

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?status=paused",
        "/?q=no+such+thing",  # the empty state
        "/?status=nonsense",  # the error state
        "/?page=1",
        "/?sort=overdue",
        "/subscribe/",
        "/subscribe/?process=intra-syrian-talks-geneva",
        "/about/",
        GENEVA + "?order=newest",
        GENEVA,
        GENEVA + "?as_of=2016-02-10",
        GENEVA + "?as_of=2016-13-45",  # a date that is not one
        GENEVA + "?history=raw",
    ],
)
def test_page_parses_strictly_and_has_landmarks(client, geneva, url):
    response = client.get(url)
    assert response.status_code in (200, 400)
    parse_strictly(response.content)
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'name="viewport"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html, landmark
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'href="#main"' in html  # the skip link


def test_the_status_picture_comes_with_its_table(client, geneva):
    html = client.get(GENEVA).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg.split(">")[0]
    # Its accessible name is its <title>, by aria-labelledby.
    label = re.search(r'aria-labelledby="([^"]+)"', svg.split(">")[0])
    assert label, "the picture has no accessible name"
    name = "\u2068Intra-Syrian talks (Geneva)\u2069"  # isolated: a tooltip has no <bdi>
    assert f'<title id="{label[1]}">Status of {name} over time</title>' in svg
    bands = html.count('class="band band-')
    table = html.split('id="periods"')[1].split("</table>")[0]
    assert bands == geneva.periods.count() >= 4  # one band per status period
    assert table.count("<tr>") - 1 == bands  # one row per band, and the header row
    # The picture's figure points at the table's caption.
    described = re.search(r'<figure[^>]*aria-describedby="([^"]+)"', html)
    assert described
    assert f'id="{described[1]}"' in table


def test_a_date_that_is_not_one_is_said_and_answered_400(client, geneva):
    response = client.get(GENEVA + "?as_of=2016-13-45")
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert b"not a real date" in response.content
