"""What the templates and the code put between translated words (a full stop, brackets, a
comma, a colon) is the reader's language's too, and a sentence built around a translated word
reads as one (a second review of composed sentences): Chinese pages ended their sentences with
"." and bracketed with "( )"; French wrote "en qualité de observateur"; Russian gave a stance
as a feminine adjective after a man's name and a role in the nominative after "в роли"."""

import html
import re

import pytest

GENEVA = "processes/intra-syrian-talks-geneva/"
HAVANA = "processes/colombia-farc-talks-havana/"


def text(page: str) -> str:
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_chinese_sentences_end_and_bracket_as_chinese_does(client, geneva):
    page = client.get(f"/zh-hans/{GENEVA}", {"as_of": "2016-02-10"}).content.decode()
    on_date = page.split('id="status-on-date"', 1)[1].split("</p>", 1)[0]
    assert on_date.endswith("。"), on_date
    timeline = text(page.split('id="timeline-heading"', 1)[1].split("<table", 1)[0])
    assert "（" in timeline, timeline
    assert "）。" in timeline, timeline
    assert not re.search(r"[().]", timeline), timeline
    about = re.sub(r"<[^>]+>", "", client.get("/zh-hans/about/").content.decode())
    assert "（API 根目录，OpenAPI 模式）" in about, about
    assert "JSON，时间线，状态" in about, about  # no line break after a Chinese comma
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


def test_french_names_a_role_without_eliding_before_it(client, geneva):
    page = text(client.get(f"/fr/{HAVANA}").content.decode())
    assert "s'est joint au processus (rôle\u00a0: " in page, page
    assert "en qualité de" not in page


def test_russian_names_a_role_and_a_stance_as_nouns(client, geneva):
    havana = text(client.get(f"/ru/{HAVANA}").content.decode())
    assert "присоединение (роль: " in havana, havana
    assert "в роли «" not in havana
    geneva_page = text(client.get(f"/ru/{GENEVA}").content.decode())
    assert re.search(r"\(позиция: [а-я]+\):", geneva_page), geneva_page


def test_a_third_party_is_named_once_with_its_roles(client, geneva):
    """Havana's third parties read "Cuba (guarantor), Cuba (host), Norway (guarantor)…":
    Cuba is named once, with both its roles."""
    page = text(client.get(f"/{HAVANA}").content.decode())
    assert "Cuba (guarantor, host)" in page, page
    assert "Cuba (host)" not in page


def test_french_writes_the_first_of_a_month_as_an_ordinal(client, geneva):
    """ "Le 1 juin 2015", "depuis le 1 février 2016": French writes the first "1er"."""
    page = text(client.get(f"/fr/{GENEVA}").content.decode())
    assert "1er février 2016" in page, page
    assert " 1 février 2016" not in page


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
    page = text(client.get(f"/zh-hans/{HAVANA}").content.decode())
    assert "（赞成 49.78 %" in page, page
    assert "（75-0）" in page, page
    assert " (赞成" not in page
    assert " (75-0)" not in page


def test_talks_convened_end_as_a_sentence_on_the_timeline(client, geneva):
    """Every line of the timeline ends as a sentence; "Talks convened (Geneva, proximity)"
    did not, between lines that did."""
    for language, line in (("", "Talks convened (\u2068Geneva\u2069, proximity)."),):
        page = text(client.get(f"/{language}{GENEVA}").content.decode())
        assert line in page, page
    chinese = text(client.get(f"/zh-hans/{GENEVA}").content.decode())
    assert re.search(r"会谈召开（[^）]*）。", chinese), chinese


def test_chinese_lists_names_with_its_enumeration_comma(client, geneva):
    """Chinese separates the names of a list with "、"; "，" separates clauses: the signatories
    read "Government of Colombia，FARC-EP" (a second review of composed sentences)."""
    page = text(client.get("/zh-hans/agreements/").content.decode())
    assert "\u2068Government of Colombia\u2069、\u2068FARC-EP\u2069" in page, page
    timeline = text(client.get(f"/zh-hans/{HAVANA}").content.decode())
    assert "\u2068Government of Colombia\u2069、\u2068FARC-EP\u2069" in timeline
    french = text(client.get("/fr/agreements/").content.decode())
    assert "\u2068Government of Colombia\u2069, \u2068FARC-EP\u2069" in french
