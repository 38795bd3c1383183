"""A diplomat following the Geneva talks gets the digest for the week of 1-7 February 2016,
as it was reported that week: the talks convened, then paused until the 25th with causes stated
by the envoy, a senior UN official and (on the 4th) Ban Ki-moon; Turkey's president and
others spoke."""

from datetime import date

from django.utils import translation

from negotiations.digests.compose import render_digest

STATED = [
    ("Staffan de Mistura, UN Special Envoy for Syria", "Procedural"),
    ("Staffan de Mistura, UN Special Envoy for Syria", "Humanitarian access"),
    ("Staffan de Mistura, UN Special Envoy for Syria", "Other"),
    ("A senior UN official (anonymous)", "Military escalation"),
    ("Ban Ki-moon, UN Secretary-General", "Humanitarian access"),
    ("Ban Ki-moon, UN Secretary-General", "Military escalation"),
]


def test_the_week_of_the_pause(geneva_2016, geneva_digest):
    digest = geneva_digest(date(2016, 2, 1), date(2016, 2, 7))
    subject, text, html = render_digest(digest, unsubscribe_url="http://x/unsubscribe/t/")

    # Convened on the 1st, paused on the 3rd, a cause added to the pause on the 4th; six
    # statements.
    assert subject == "Negotiations digest, 1–7 Feb 2016: 9 changes"
    (report,) = digest.reports
    assert report.process == geneva_2016
    assert report.status == "paused"
    assert report.status_since == "3 Feb 2016"
    assert report.trend == "deteriorated"
    assert report.arrow == "↘"
    assert [(c.title, c.when) for c in report.changes] == [
        ("Talks convened", "1 Feb 2016"),
        ("Talks paused", "3 Feb 2016"),
    ]
    pause = report.changes[1]
    assert pause.detail == "active → paused. Expected to resume on 25 Feb 2016."
    assert [(c.stated_by, c.category) for c in pause.causes] == STATED
    (correction,) = report.corrections
    assert correction.detail == "Stated causes 4 → 6 (2 added); Sources 3 → 4 (1 added)."
    assert [c.stated_by for c in correction.causes] == ["Ban Ki-moon, UN Secretary-General"] * 2
    # In the order they were made (Hijab's of the 3rd was recorded after Ban Ki-moon's of
    # the 4th; the digest read them in that order, a reader's outside test).
    assert [(s.title.split(" (")[0], s.when) for s in report.statements] == [
        ("A senior UN official", "3 Feb 2016"),
        ("Sergei Lavrov, Foreign Minister of Russia", "3 Feb 2016"),
        ("Bashar al-Jaafari, head of the government delegation", "3 Feb 2016"),
        ("Riad Hijab, HNC general coordinator", "3 Feb 2016"),
        ("Ban Ki-moon, UN Secretary-General", "4 Feb 2016"),
        ("Recep Tayyip Erdoğan, President of Turkey", "4 Feb 2016"),
    ]
    # Each was recorded the day it was reported: none is late.
    assert not any(i.late for i in [*report.changes, *report.statements])

    for part in (text, html):
        assert "Talks convened" in part
        assert "Talks paused" in part
        assert "deteriorated" in part
        assert "25 Feb 2016" in part
        for who, _ in STATED:
            assert who in part
        assert "sudden increase of aerial bombings" in part
        assert "Recep Tayyip Erdoğan, President of Turkey" in part
        assert "reported late" not in part
    assert 'href="https://www.huffpost.com/entry/backed-by-russian-jets' in html
    assert 'href="https://www.unog.ch/unog/website/news_media.nsf/' in html


def test_the_week_before_the_talks_opened_formally_is_unchanged(geneva_digest):
    digest = geneva_digest(date(2016, 1, 25), date(2016, 1, 31))

    (report,) = digest.reports
    assert report.trend == "unchanged"
    assert report.status == "planned"
    assert [s.detail for s in report.scheduled] == ["For 29 Jan 2016 in Geneva."]
    assert [c.title for c in report.changes] == ["Party joined"]
    # The correction of the opening: a corrected description's own full stop is not kept
    # before the line's "; " ("…resolution 2254.; Sources 1 → 2", a second review).
    (correction,) = report.corrections
    assert "2254; Sources 1 → 2 (1 added)." in correction.detail, correction.detail
    assert ".;" not in correction.detail
    assert (
        "De Mistura opens the talks at the Palais des Nations by meeting the government "
        "delegation headed by Bashar al-Jaafari; the HNC is not present."
    ) in [s.summary for s in report.statements]


def test_a_correction_names_its_fields_and_points_its_arrows_in_the_reader_s_language(
    geneva_2016, geneva_digest
):
    """The correction's line named its fields as stored ("causes 4 → 6") and pointed its
    arrows left to right in an Arabic digest, where what was stands on the right."""
    with translation.override("ar"):  # as the sender writes each digest in its language
        (report,) = geneva_digest(date(2016, 2, 1), date(2016, 2, 7), language="ar").reports
        arrow = report.arrow
    (correction,) = report.corrections
    assert correction.detail.startswith("الأسباب المعلنة 4 ← 6"), correction.detail
    assert "→" not in correction.detail
    assert "causes" not in correction.detail
    # Its punctuation is Arabic's too (a second review: "(أُضيف 2); المصادر"), and so is the
    # trend's arrow: time runs right to left, so a fall goes down to the left.
    assert "؛ " in correction.detail, correction.detail
    assert ";" not in correction.detail, correction.detail
    assert arrow == "↙"


def test_a_chinese_correction_uses_chinese_punctuation(geneva_2016, geneva_digest):
    """ "所述原因 4 → 6 (新增 2); 来源 3 → 4 (新增 1)." set Latin brackets, semicolon and
    full stop inside Chinese (a second review of composed sentences)."""
    with translation.override("zh-hans"):
        (report,) = geneva_digest(date(2016, 2, 1), date(2016, 2, 7), language="zh-hans").reports
    (correction,) = report.corrections
    assert correction.detail.endswith("）。"), correction.detail
    assert not set("();.") & set(correction.detail), correction.detail
    changes = " ".join(c.detail for c in report.changes)
    assert "暂停。" in changes, changes
    assert "暂停." not in changes, changes


def test_an_outcome_is_a_noun_after_its_colon(geneva, subscribe):
    """ "Outcome: with an agreement" was said "Issue : par un accord", "Итог: соглашением"
    (a review of composed sentences): the outcome is now a noun in every language."""
    from negotiations.digests.compose import compose_digest
    from negotiations.read.models import Process

    havana = Process.objects.get(slug="colombia-farc-talks-havana")
    subscription = subscribe(follow=[havana])
    said = {}
    for language in ("en", "fr", "ru"):
        with translation.override(language):
            digest = compose_digest(subscription, date(2016, 8, 1), date(2016, 9, 30))
            said[language] = " ".join(c.detail for r in digest.reports for c in r.changes)
    assert "Outcome: an agreement" in said["en"], said["en"]
    assert "Issue\u00a0: un accord" in said["fr"], said["fr"]
    assert "Итог: соглашение" in said["ru"], said["ru"]


def test_a_chinese_week_of_changes_sets_no_space_after_its_full_width_punctuation(
    geneva_2016, geneva_digest
):
    """The week of Geneva's pause, with its status change, causes, sources and correction:
    "进行中 → 暂停。 预计于…" joined two sentences with a space (`labels.sentences`), and
    labels ("备注： ", "所述原因（…）： ") set one after their "："."""
    from negotiations.digests.compose import render_digest
    from tests.full_width import spaced_after_full_width

    with translation.override("zh-hans"):
        digest = geneva_digest(date(2016, 2, 1), date(2016, 2, 7), language="zh-hans")
        _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")
    assert "暂停。" in text
    for body in (text, html):
        assert not spaced_after_full_width(body)
