"""A diplomat in Moscow subscribes in Russian: the Geneva week of 1-7 February 2016 reaches
them in Russian (subject, headings, statuses, event types, causes, dates), while an English
subscriber of the same batch still reads English, and the names stay as recorded."""

from django.core.management import call_command

from negotiations.digests.models import Subscription


def send(day: str) -> None:
    call_command("send_digests", "--date", day, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_russian_subscription_gets_a_russian_email(geneva_2016, subscribe, mailoutbox):
    subscribe("moscow@example.org", follow=[geneva_2016], language="ru")
    subscribe("london@example.org", follow=[geneva_2016])  # English, the default

    send("2016-02-08")

    by_address = {m.to[0]: m for m in mailoutbox}
    russian, english = by_address["moscow@example.org"], by_address["london@example.org"]
    assert russian.subject == "Сводка по переговорам, 1–7 февраля 2016: 9 изменений"
    assert english.subject == "Negotiations digest, 1–7 Feb 2016: 9 changes"

    text = russian.body
    html = russian.alternatives[0][0]
    for part in (text, html):
        assert "Перерыв в переговорах" in part  # the event type
        assert "Гуманитарный доступ" in part  # a cause category
        assert "ухудшение" in part  # the trend
        assert "25 февраля 2016" in part  # genitive month, no "г." (tracker/formats/ru)
        assert "Staffan de Mistura" in part  # names as recorded
        assert "Talks paused" not in part
        assert "Negotiations digest" not in part
    assert "Текущий статус: перерыв (с 3 февраля 2016)" in text
    assert "Тенденция: ухудшение ↘" in text
    assert "Причина (Гуманитарный доступ), по словам Staffan de Mistura" in text
    assert "Вы получаете эту еженедельную сводку на адрес moscow@example.org." in text
    assert 'lang="ru"' in html
    assert 'dir="ltr"' in html
    # The message says its language too (RFC 3282; a feed reader's outside test found none).
    assert russian.message()["Content-Language"] == "ru"
    assert english.message()["Content-Language"] == "en"


def test_an_arabic_digest_is_written_right_to_left(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016], language="ar")

    send("2016-02-08")

    (email,) = mailoutbox
    html = email.alternatives[0][0]
    assert email.subject.startswith("موجز المفاوضات، ")
    assert '<html lang="ar" dir="rtl">' in html
    assert "توقف المحادثات مؤقتاً" in html


def test_the_subscription_keeps_its_language(db):
    assert Subscription._meta.get_field("language").default == "en"
    choices = dict(Subscription._meta.get_field("language").choices)
    assert set(choices) == {"ar", "zh-hans", "en", "fr", "ru", "es"}


def test_a_name_given_in_russian_is_the_russian_digest_s(app, geneva_2016, subscribe, mailoutbox):
    """A review: the board named actors as the process's events named them in the reader's
    language, the digest the registry's English names. A name given by the week's end reads
    in the digest of the subscriber's language; the English digest keeps the registry's."""
    from datetime import UTC, datetime

    import time_machine

    from tests.factories import record

    with time_machine.travel(datetime(2016, 2, 2, 12, tzinfo=UTC), tick=False):
        record(
            app, geneva_2016.pk, "name_given", "2016-02-02",
            language="ru", name="Стаффан де Мистура", actor="staffan-de-mistura",
        )  # fmt: skip
    subscribe("moscow@example.org", follow=[geneva_2016], language="ru")
    subscribe("london@example.org", follow=[geneva_2016])

    send("2016-02-08")

    by_address = {m.to[0]: m for m in mailoutbox}
    russian, english = by_address["moscow@example.org"].body, by_address["london@example.org"].body
    assert "по словам Стаффан де Мистура" in russian
    assert "по словам Staffan de Mistura" not in russian  # every cause he stated
    assert "stated by Staffan de Mistura" in english


def test_the_process_s_name_given_in_russian_heads_its_part(
    app, geneva_2016, subscribe, mailoutbox
):
    """A reader's outside test: the board said the process's Russian name, the Russian
    digest's heading ("== Intra-Syrian talks (Geneva) ==") the original."""
    from datetime import UTC, datetime

    import time_machine

    from tests.factories import record

    with time_machine.travel(datetime(2016, 2, 2, 12, tzinfo=UTC), tick=False):
        record(
            app, geneva_2016.pk, "name_given", "2016-02-02",
            language="ru", name="Межсирийские переговоры (Женева)",
        )  # fmt: skip
    subscribe("moscow@example.org", follow=[geneva_2016], language="ru")
    subscribe("london@example.org", follow=[geneva_2016])

    send("2016-02-08")

    by_address = {m.to[0]: m for m in mailoutbox}
    russian, english = by_address["moscow@example.org"], by_address["london@example.org"]
    assert "== Межсирийские переговоры (Женева) ==" in russian.body
    assert "Межсирийские переговоры (Женева)" in russian.alternatives[0][0]
    assert "Intra-Syrian talks (Geneva)" not in russian.body
    assert "== Intra-Syrian talks (Geneva) ==" in english.body


def test_an_arabic_digest_isolates_every_name_in_its_plain_text(geneva_2016, subscribe, mailoutbox):
    """Plain text has no <bdi>: an Arabic digest's text part isolated no name (a reader's
    outside test: "أعلنه Government of Yemen (President Hadi) delegation: …"), where its Atom
    and calendar texts did. Every name, title and outlet is isolated there; an English digest
    holds no isolate."""
    subscribe("cairo@example.org", follow=[geneva_2016], language="ar")
    subscribe("london@example.org", follow=[geneva_2016])

    send("2016-02-08")

    by_address = {m.to[0]: m.body for m in mailoutbox}
    arabic = by_address["cairo@example.org"]
    for name in (
        "Staffan de Mistura, UN Special Envoy for Syria",  # who stated a cause
        "Intra-Syrian talks (Geneva)",  # the process
        "AFP via Naharnet",  # an outlet
    ):
        assert f"\u2068{name}\u2069" in arabic, name
        assert arabic.count(name) == arabic.count(f"\u2068{name}\u2069"), name
    assert "\u2068Geneva\u2069" in arabic  # the venue, where the talks convened
    assert "\u2068" not in by_address["london@example.org"]
