"""What the templates and the code put between translated words (a full stop, brackets, a
comma, a colon) is the reader's language's too, and a sentence built around a translated word
reads as one (a second review of composed sentences): Chinese pages ended their sentences with
"." and bracketed with "( )"; French wrote "en qualité de observateur"; Russian gave a stance
as a feminine adjective after a man's name and a role in the nominative after "в роли"."""

import html
import re

import pytest

from tests.full_width import spaced_after_full_width

GENEVA = "processes/intra-syrian-talks-geneva/"
HAVANA = "processes/colombia-farc-talks-havana/"


def text(page: str) -> str:
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", page)))


def read(client, path: str) -> str:
    """The words of the page at `path`, as a reader reads them."""
    return text(client.get(path).content.decode())


def test_chinese_sentences_end_and_bracket_as_chinese_does(client, geneva):
    page = client.get(f"/zh-hans/{GENEVA}", {"as_of": "2016-02-10"}).content.decode()
    on_date = page.split('id="status-on-date"', 1)[1].split("</p>", 1)[0]
    assert on_date.endswith("。"), on_date
    timeline = text(page.split('id="timeline-heading"', 1)[1].split("<table", 1)[0])
    assert "（" in timeline, timeline
    assert "）。" in timeline, timeline
    assert not re.search(r"[().]", timeline), timeline
    about = re.sub(r"<[^>]+>", "", client.get("/zh-hans/about/").content.decode())
    assert "（API 根目录、OpenAPI 模式）" in about, about
    assert "JSON、时间线、状态" in about, about  # a list: "、", no line break after it
    empty = re.sub(r"<[^>]+>", "", client.get("/zh-hans/", {"q": "no such"}).content.decode())
    assert "显示所有进程。" in empty, empty


@pytest.mark.parametrize("language", ["fr", "zh-hans"])
def test_the_picture_s_causes_take_the_language_s_colon(client, geneva, language):
    page = client.get(f"/{language}/{GENEVA}").content.decode()
    titles = " ".join(re.findall(r"<title>([^<]*)</title>", page))
    colon = {"fr": "\u00a0: ", "zh-hans": "："}[language]
    # "• Category: description (who)": each category followed by its colon.
    colons = [c for _, c in re.findall(r"• ([^:：]*?)(\u00a0: |: |：)", titles)]
    assert colons, titles
    assert set(colons) == {colon}, colons


# A page, what it says, and what it said before (a review of composed sentences).
SAID = {
    # French elided nothing against a name: "en qualité de observateur".
    "fr-role": (f"/fr/{HAVANA}", "s'est joint au processus (rôle\u00a0: ", "en qualité de"),
    # Russian put a role in the nominative after "в роли".
    "ru-role": (f"/ru/{HAVANA}", "присоединение (роль: ", "в роли «"),
    # Havana's third parties read "Cuba (guarantor), Cuba (host), Norway (guarantor)…".
    "third-party-once": (f"/{HAVANA}", "Cuba (guarantor, host)", "Cuba (host)"),
    # "Le 1 juin 2015", "depuis le 1 février 2016": French writes the first "1er".
    "fr-first-of-month": (f"/fr/{GENEVA}", "1er février 2016", " 1 février 2016"),
    # Chinese says since when before the status: the badge came first, "中止 自 … 起".
    "zh-status-since": (f"/zh-hans/{GENEVA}", "自 2016年5月26日 起 中止", "中止 自"),
    "zh-status-on-a-date": (
        f"/zh-hans/{GENEVA}?as_of=2016-02-10",
        "2016年2月10日：自 2016年2月3日 起 暂停",
        "暂停 自",
    ),
    "en-status-since": (f"/{GENEVA}", "Suspended since 26 May 2016", "since 26 May 2016 Suspended"),
    "en-status-on-a-date": (
        f"/{GENEVA}?as_of=2016-02-10",
        "On 10 February 2016: Paused since 3 February 2016, expected to resume on 25 February",
        "since 3 February 2016 Paused",
    ),
}


@pytest.mark.parametrize("case", list(SAID))
def test_a_phrase_reads_as_the_language_writes_it(client, geneva, case):
    path, said, before = SAID[case]
    page = read(client, path)
    assert said in page, page
    assert before not in page


def test_russian_names_a_stance_as_a_noun(client, geneva):
    """A feminine adjective after a man's name read as describing him: "(условная)"."""
    page = read(client, f"/ru/{GENEVA}")
    assert re.search(r"\(позиция: [а-я]+\):", page), page


def test_an_ended_agreement_s_cell_does_not_say_ended_again(client, geneva):
    """Under the column "Ended", beside its status "Ended", the cell said "Ended (expired), 3
    Jun 2023": three times in one row."""
    page = client.get("/agreements/").content.decode()
    cells = re.findall(r'<td data-label="Ended">([^<]*)</td>', page)
    assert "Expired, 3 Jun 2023" in cells, cells
    assert not [c for c in cells if c.startswith("Ended")], cells


def test_chinese_figures_take_chinese_brackets(client, geneva):
    """A referendum's shares and a vote's count sat in Latin brackets in Chinese text:
    "否决 (赞成 49.78 %，…)", "予以批准 (75-0)"."""
    page = read(client, f"/zh-hans/{HAVANA}?order=newest")  # the votes: the last events
    assert "（赞成 49.78 %" in page, page
    assert "（75-0）" in page, page
    assert " (赞成" not in page
    assert " (75-0)" not in page


def test_talks_convened_end_as_a_sentence_on_the_timeline(client, geneva):
    """Every line of the timeline ends as a sentence; "Talks convened (Geneva, proximity)"
    did not, between lines that did."""
    for language, line in (("", "Talks convened (\u2068Geneva\u2069, proximity)."),):
        page = read(client, f"/{language}{GENEVA}")
        assert line in page, page
    chinese = read(client, f"/zh-hans/{GENEVA}")
    assert re.search(r"会谈召开（[^）]*）。", chinese), chinese


def test_chinese_lists_names_with_its_enumeration_comma(client, geneva):
    """Chinese separates the names of a list with "、"; "，" separates clauses: the signatories
    read "Government of Colombia，FARC-EP" (a second review of composed sentences)."""
    page = read(client, "/zh-hans/agreements/")
    assert "\u2068Government of Colombia\u2069、\u2068FARC-EP\u2069" in page, page
    timeline = read(client, f"/zh-hans/{HAVANA}")
    assert "\u2068Government of Colombia\u2069、\u2068FARC-EP\u2069" in timeline
    french = read(client, "/fr/agreements/")
    assert "\u2068Government of Colombia\u2069, \u2068FARC-EP\u2069" in french


def test_chinese_puts_no_space_after_its_full_width_punctuation(client, geneva):
    """Chinese "：" and "。" hold their own space: a template's space after a sentence or a
    label read "2016年2月10日： 自", "来源： Reuters", "备注： The first session…" and "共 5 个
    进程。 下载" (the space is the catalogue's now, with the punctuation: none in Chinese)."""
    for path in (
        f"/zh-hans/{GENEVA}?as_of=2016-02-10",
        f"/zh-hans/{GENEVA}?history=raw",
        f"/zh-hans/{GENEVA}?order=newest",
        f"/zh-hans/{HAVANA}",
        "/zh-hans/",
        "/zh-hans/?q=no+such",
        "/zh-hans/agreements/",
        "/zh-hans/about/",
        "/zh-hans/subscribe/",
        f"/zh-hans/{GENEVA}feed.atom",
        f"/zh-hans/{GENEVA}calendar.ics",
        "/zh-hans/calendar.ics",
        "/zh-hans/feeds/agreements.atom",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        page = answer.content.decode()
        assert not spaced_after_full_width(page), path
    # A line break between two sentences of one paragraph shows as a space too.
    timeline = client.get(f"/zh-hans/{GENEVA}").content.decode()
    assert "。最早在前：<a" in timeline
