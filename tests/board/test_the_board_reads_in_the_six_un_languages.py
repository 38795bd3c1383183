"""The board, a process page, /about/ and the subscribe page in Arabic, Chinese, English,
French, Russian and Spanish: each under its prefix, `lang` and `dir` on the page, its words
from the catalogue, a language switch and `hreflang` alternates on every page; `/` follows
the reader's Accept-Language (or the language they chose); each language has its own ETag and
its own kept page; every name on the page is isolated for the bidirectional algorithm."""

import xml.etree.ElementTree as ET

import html5lib
import pytest

from .conftest import parse_strictly

GENEVA = "processes/intra-syrian-talks-geneva/"
# The list's heading in each language, as the catalogue says it (English: the source).
HEADINGS = {
    "": ("en", "ltr", "Where every peace process stands"),
    "/ar": ("ar", "rtl", "أين تقف كل عملية سلام"),
    "/zh-hans": ("zh-hans", "ltr", "每个和平进程的现状"),
    "/fr": ("fr", "ltr", "Où en est chaque processus de paix"),
    "/ru": ("ru", "ltr", "Положение каждого мирного процесса"),
    "/es": ("es", "ltr", "La situación de cada proceso de paz"),
}
PAGES = {
    "/": "<h1>",
    "/" + GENEVA: '<h2 id="summary-heading">',
    "/about/": "<h1>",
    "/subscribe/": "<h1>",
}


@pytest.mark.parametrize("prefix", list(HEADINGS))
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_renders_in_each_language(client, geneva, prefix, page):
    response = client.get(prefix + page)
    assert response.status_code == 200
    parse_strictly(response.content)
    code, direction, heading = HEADINGS[prefix]
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert response["Content-Language"] == code
    if page == "/":
        assert f"<h1>{heading}</h1>" in html
    if prefix:  # no English left in the page's own words (the picture's unseen ones too)
        for english in (
            "Subscribe",
            "Skip to the content",
            "Every status comes from",
            "Status over time (scrolls sideways on a narrow screen)",
            "The same facts are in the table after the picture.",
            "Key to the picture",
        ):
            assert english not in html, english


def test_statuses_event_types_and_dates_are_the_reader_s(client, geneva):
    html = client.get("/fr/" + GENEVA).content.decode()
    assert "Pause des pourparlers" in html  # the event type
    assert "Escalade militaire" in html  # a cause category
    assert "3 février 2016" in html  # Django's French date
    assert '<figcaption class="muted">Les mêmes périodes' in html
    arabic = client.get("/ar/" + GENEVA).content.decode()
    assert "توقف المحادثات مؤقتاً" in arabic
    assert "فبراير" in arabic  # the month in Arabic
    assert 'direction="rtl"' in arabic  # the picture reads from the right


def test_accept_language_chooses_at_the_root(client, geneva):
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.5")
    assert french.status_code == 302
    assert french["Location"] == "/fr/"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in french["Vary"].split(",")}
    assert client.get("/?status=paused", HTTP_ACCEPT_LANGUAGE="ar")["Location"] == (
        "/ar/?status=paused"
    )
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert chinese["Location"] == "/zh-hans/"
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,fr;q=0.8")
    assert english.status_code == 200
    assert client.get("/").status_code == 200  # no preference: English
    # Other pages never move: an address says its language.
    assert client.get("/" + GENEVA, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_the_language_switch_remembers_the_choice(client, geneva):
    switched = client.get("/language/ar/", {"next": "/" + GENEVA + "?order=newest"})
    assert switched.status_code == 302
    assert switched["Location"] == "/ar/" + GENEVA + "?order=newest"
    assert switched.cookies["django_language"].value == "ar"
    # Back to English with a French browser: `/` now follows the choice.
    client.get("/language/en/", {"next": "/ar/"})
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    # Only this site's pages: another host's address goes to the board.
    assert client.get("/language/fr/", {"next": "https://evil.example/"})["Location"] == "/fr/"
    assert client.get("/language/xx/", {"next": "/about/"})["Location"] == "/about/"


def test_the_language_switch_leaves_any_language(client, geneva):
    """From a page in another language than English (a reader's outside test: every switch
    from `/ru/about/` answered `/ru/about/`, so only English could be left)."""
    for code, page, target in [
        ("fr", "/ru/about/", "/fr/about/"),
        ("en", "/ar/" + GENEVA + "?order=newest", "/" + GENEVA + "?order=newest"),
        ("zh-hans", "/es/", "/zh-hans/"),
        ("en", "/ru/", "/"),
    ]:
        switched = client.get(f"/language/{code}/", {"next": page})
        assert switched["Location"] == target, (code, page)


def test_every_page_names_its_alternates_and_offers_the_switch(client, geneva):
    html = client.get("/ru/about/").content.decode()
    for code, path in [("ar", "/ar/about/"), ("en", "/about/"), ("zh-hans", "/zh-hans/about/")]:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in html
    switch = html.split('class="languages"')[1].split("</nav>")[0]
    assert switch.count("<li>") == 6
    assert '<span aria-current="true" lang="ru" dir="ltr">Русский</span>' in switch
    assert 'lang="ar" dir="rtl">العربية</a>' in switch


def test_the_etag_and_the_kept_page_differ_by_language(client, geneva):
    english = client.get("/" + GENEVA)
    french = client.get("/fr/" + GENEVA)
    assert english["ETag"] != french["ETag"]
    # The French copy is never answered for the English address, nor its 304.
    assert client.get("/" + GENEVA, HTTP_IF_NONE_MATCH=french["ETag"]).status_code == 200
    again = client.get("/" + GENEVA)
    assert again.content == english.content
    assert client.get("/fr/" + GENEVA).content == french.content
    assert (
        client.get("/", HTTP_ACCEPT_LANGUAGE="ru", follow=True).content != client.get("/").content
    )


def _isolated(tree: ET.Element, text: str) -> list[bool]:
    """For each element whose own text holds `text`: whether it, or an ancestor up to its
    block, isolates it (`<bdi>` or a `dir` attribute), or the text itself is isolated (U+2068
    ... U+2069, where no markup can be: a <title>, a tooltip)."""
    parents = {child: parent for parent in tree.iter() for child in parent}
    found = []
    for element in tree.iter():
        own = [element.text or "", *(c.tail or "" for c in element)]
        if any(text in part for part in own):
            if all(part.count(text) == part.count(f"\u2068{text}\u2069") for part in own):
                found.append(True)
                continue
            node, ok = element, False
            while node is not None and node.tag not in ("p", "td", "th", "li", "main", "body"):
                if node.tag == "bdi" or "dir" in node.attrib:
                    ok = True
                    break
                node = parents.get(node)
            found.append(ok)
    return found


@pytest.mark.parametrize("prefix", ["/ar", ""])
def test_every_name_is_isolated(client, geneva, prefix):
    """The page's language is marked, and every name written by someone (process, conflict,
    mediators, parties, who stated a cause) is isolated: a Latin name inside Arabic text keeps
    its order, as does an Arabic one inside English."""
    html = client.get(prefix + "/" + GENEVA).content
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    body = tree.find("body")
    names = [
        geneva.name,
        geneva.conflict,
        "Staffan de Mistura, UN Special Envoy for Syria",
        "Ban Ki-moon, UN Secretary-General",
    ]
    for name in names:
        isolated = _isolated(body, name)
        assert isolated, f"{name!r} is not on the page"
        assert all(isolated), f"{name!r} is shown without <bdi> or dir"


@pytest.mark.parametrize("prefix", ["/zh-hans", "/ru", "/fr", ""])
def test_about_shows_the_dates_as_the_board_does(client, geneva, prefix):
    """Django's formats for each language ("2016年11月12日", "12 ноября 2016"), on
    /about/ as on the board: not a month abbreviated out of its grammar ("12 Ноя 2016")."""
    import re

    from django.utils import translation

    with translation.override(prefix.strip("/") or "en"):
        since = translation.gettext("Since")
    cells = rf'<td class="date" data-label="{since}">(.*?)</td>'
    board = re.findall(cells, client.get(prefix + "/").content.decode())
    about = re.findall(cells, client.get(prefix + "/about/").content.decode())
    assert len(board) >= 2
    assert about == board


def test_the_picture_s_months_are_not_ambiguous_in_french(client, geneva):
    """Django's "M" abbreviates June and July alike in French ("Jui"): the axis uses "N"
    ("juin", "juil.")."""
    import re

    html = client.get("/fr/" + GENEVA).content.decode()
    ticks = re.findall(r'<text class="tick-label"[^>]*>([^<]*)</text>', html)
    assert ticks
    assert not [t for t in ticks if t.startswith("Jui ")], ticks
    assert any(t.startswith(("juin ", "juil. ")) for t in ticks), ticks


def test_chinese_notes_take_chinese_brackets(client, geneva):
    """A note beside a word (who stated a cause, a retracted event, a withdrawn party) sat in
    Latin brackets after a space inside Chinese text ("原因 (由 … 提出)"); Chinese writes
    them full-width, with no space: "（…）". Other languages keep " (…)"."""
    chinese = client.get("/zh-hans/" + GENEVA).content.decode()
    notes = chinese.split('<ul class="causes">', 1)[1].split("</ul>", 1)[0]
    assert '<span class="muted">（' in notes, notes
    assert "）</span>" in notes, notes
    assert " (" not in notes, notes
    assert ")</span>" not in notes, notes
    english = client.get("/" + GENEVA).content.decode()
    assert '</bdi> <span class="muted">(stated by' not in english  # the space is the bracket's
    assert '</bdi><span class="muted"> (stated by' in english
