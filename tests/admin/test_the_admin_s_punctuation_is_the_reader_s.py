"""The admin's process page and record form put the reader's punctuation between their
words, as the board does (a second review of composed sentences): French set a plain ":"
("Crise politique: …", "Statut actuel: En pause"), Arabic and Chinese a Latin comma between
the statuses allowed now ("استئناف المحادثات, تعليق المحادثات")."""

from tests.admin.conftest import page_url, record_url


def test_french_colons_and_arabic_commas_on_the_process_page(editor_client, geneva):
    editor_client.cookies["django_language"] = "fr"
    french = editor_client.get(page_url(geneva)).content.decode()
    assert "Enregistrer un événement\u00a0: </strong>" in french
    editor_client.cookies["django_language"] = "ar"
    arabic = editor_client.get(page_url(geneva)).content.decode()
    allowed = arabic.split('class="help allowed-events">', 1)[1].split("</p>", 1)[0]
    assert "، " in allowed, allowed
    assert ", " not in allowed, allowed


def test_the_record_form_says_the_current_status_with_the_language_s_colon(editor_client, geneva):
    editor_client.cookies["django_language"] = "zh-hans"
    form = editor_client.get(record_url(geneva, "talks_resumed")).content.decode()
    status = form.split('id="current-status">', 1)[1].split("</p>", 1)[0]
    assert "当前状态：" in status, status
    assert ": " not in status, status


def test_the_expected_resumption_s_heading_takes_a_day_or_a_month(editor_client, geneva):
    """ "Reprise attendue le | septembre 2016": the heading was a day's words before a month."""
    from negotiations.read.models import Process

    yemen = Process.objects.get(slug="yemen-talks-kuwait")
    assert yemen.expected_resumption_precision == "month"
    editor_client.cookies["django_language"] = "fr"
    page = editor_client.get(page_url(yemen)).content.decode()
    assert "<th>Reprise attendue</th>" in page
    assert "Reprise attendue le</th>" not in page
