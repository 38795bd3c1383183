"""Lines the digest composes from a title and a detail, or from a count, read as one sentence
in each language (a review of composed sentences): Russian "Переговоры назначены: Назначены
на …" said the title twice; Arabic "تأخير يومين: 2" ("two days late: 2") gave the count
twice; French "à South Africa" took a city's preposition for a country; the Spanish and
French period was "del 1 … – 7 …"."""

from datetime import date

import pytest
from django.utils import translation

from negotiations.digests.compose import compose_digest, render_digest
from tests.full_width import spaced_after_full_width

from .conftest import record_each_at_noon

PAUSED_A_DAY_TOO_LONG = [
    ("2016-02-01", "talks_convened", {}),
    ("2016-02-03", "talks_paused", {"expected_resumption_on": "2016-02-12"}),
]
SCHEDULED = [("2016-02-10", "talks_scheduled", {"scheduled_for": "2016-03-07", "venue": "Kuwait"})]


@pytest.fixture
def digest_in(app, actors, subscribe):
    paused = record_each_at_noon(app, "2016-01-15", PAUSED_A_DAY_TOO_LONG)
    scheduled = record_each_at_noon(app, "2016-01-15", SCHEDULED, name="Kuwait talks")

    def render(language: str) -> tuple[str, str]:
        subscription = subscribe(follow=[paused, scheduled], language=language)
        with translation.override(language):  # as the sender writes each digest
            digest = compose_digest(subscription, date(2016, 2, 7), date(2016, 2, 13))
            _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")
        subscription.delete()
        return text, html

    return render


def test_russian_names_the_scheduled_talks_once(digest_in):
    text, html = digest_in("ru")
    assert "Переговоры назначены: на 7 марта 2016, место: Kuwait." in text
    assert 'назначены</strong>: <span class="m">на 7 марта 2016, место: Kuwait.</span>' in html
    for body in (text, html):
        assert "Назначены на" not in body


def test_arabic_gives_two_days_without_a_number_beside_them(digest_in):
    for body in digest_in("ar"):
        assert "(تأخير يومين)" in body  # two days, in the dual's own word
        assert "يومين: 2" not in body


def test_french_names_the_venue_without_a_city_s_preposition(digest_in):
    text, html = digest_in("fr")
    # Its detail does not say "Prévus" again after the heading "Pourparlers prévus".
    assert "Pourparlers prévus\u00a0: le 7 mars 2016 (lieu\u00a0: Kuwait)." in text
    for body in (text, html):
        assert "le 7 mars 2016 (lieu\u00a0: Kuwait)." in body
        assert "Prévus le" not in body
        assert "à Kuwait" not in body
    said = text.splitlines()[2]
    assert said.startswith("Ce qui a été enregistré pendant la période 7–13 février 2016")
    # The month and year said once ("7 février 2016 – 13 février 2016" said the year twice,
    # "7 février – 13 février 2016" the month).
    assert "période 7–13 février 2016 (UTC)" in said


def test_spanish_gives_the_period_as_a_period(digest_in):
    text, _ = digest_in("es")
    said = text.splitlines()[2]
    assert said.startswith("Lo que se registró en el periodo 7–13 de febrero de 2016")


def test_where_talks_resumed_ends_as_a_sentence(geneva, subscribe):
    """ "Talks resumed: concluded → active. Havana" trailed off after the venue."""
    from negotiations.read.models import Process

    havana = Process.objects.get(slug="colombia-farc-talks-havana")
    subscription = subscribe(follow=[havana], language="zh-hans")
    for language, said in (("en", "concluded → active. Havana."), ("zh-hans", "Havana。")):
        with translation.override(language):
            digest = compose_digest(subscription, date(2016, 10, 2), date(2016, 10, 8))
            (report,) = digest.reports
            (resumed,) = [c for c in report.changes if c.type == "talks_resumed"]
        assert resumed.detail.endswith(said), resumed.detail


def test_an_overdue_pause_names_its_resumption_once(digest_in):
    """ "reprise attendue le 12 février 2016, aucune reprise enregistrée" said it twice."""
    text, _ = digest_in("fr")
    assert "reprise attendue le 12 février 2016, qui n'a pas été enregistrée" in text, text
    assert "aucune reprise" not in text


# A period says what its days share once, as each language writes a range of days: "1er
# février – 7 février 2016" said the month twice in every language but English, and Chinese
# read "1月29日 – 2016年2月4日", its year last.
PERIODS = {
    ("en", "2016-02-01", "2016-02-07"): "1–7 Feb 2016",
    ("fr", "2016-02-01", "2016-02-07"): "1er–7 février 2016",
    ("es", "2016-02-01", "2016-02-07"): "1–7 de febrero de 2016",
    ("ru", "2016-02-01", "2016-02-07"): "1–7 февраля 2016",
    ("ar", "2016-02-01", "2016-02-07"): "1–7 فبراير، 2016",
    ("zh-hans", "2016-02-01", "2016-02-07"): "2016年2月1日至7日",
    ("en", "2016-01-29", "2016-02-04"): "29 Jan – 4 Feb 2016",
    ("fr", "2016-01-29", "2016-02-04"): "29 janvier – 4 février 2016",
    ("ru", "2016-01-29", "2016-02-04"): "29 января – 4 февраля 2016",
    ("zh-hans", "2016-01-29", "2016-02-04"): "2016年1月29日至2月4日",
    ("es", "2016-01-29", "2016-02-04"): "29 de enero – 4 de febrero de 2016",
    ("ar", "2016-01-29", "2016-02-04"): "29 يناير – 4 فبراير، 2016",
    # A week that ends on the first of a month: French writes it "1er" there too.
    ("fr", "2016-01-26", "2016-02-01"): "26 janvier – 1er février 2016",
    ("zh-hans", "2016-01-26", "2016-02-01"): "2016年1月26日至2月1日",
    ("en", "2016-01-26", "2016-02-01"): "26 Jan – 1 Feb 2016",
    ("fr", "2015-12-29", "2016-01-04"): "29 décembre 2015 – 4 janvier 2016",
    ("zh-hans", "2015-12-29", "2016-01-04"): "2015年12月29日至2016年1月4日",
    ("ru", "2015-12-29", "2016-01-04"): "29 декабря 2015 – 4 января 2016",
    ("fr", "2015-12-26", "2016-01-01"): "26 décembre 2015 – 1er janvier 2016",
}


@pytest.mark.parametrize("period", PERIODS, ids="-".join)
def test_a_period_says_what_its_days_share_once(app, actors, subscribe, period):
    language, start, end = period
    paused = record_each_at_noon(app, "2015-12-01", PAUSED_A_DAY_TOO_LONG)
    subscription = subscribe(follow=[paused], language=language)
    with translation.override(language):
        subject, text, html = render_digest(
            compose_digest(subscription, date.fromisoformat(start), date.fromisoformat(end)),
            unsubscribe_url="http://x/u/t/",
        )
    said = PERIODS[period]
    assert said in subject
    assert said in text.splitlines()[2]
    assert said in html


def test_chinese_puts_no_space_after_its_full_width_punctuation(digest_in):
    """Chinese digests read "当前状态： 已计划", "趋势： 无变化", "退订： http…": a template's
    space after a label's "：" (the space is the catalogue's now, with the label: none in
    Chinese)."""
    for body in digest_in("zh-hans"):
        assert not spaced_after_full_width(body)
    text, _ = digest_in("fr")
    assert "Se désabonner\u00a0: http://x/u/t/" in text
