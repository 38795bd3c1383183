"""The admin's process page in Arabic: what someone recorded (a description, a field's value,
a cause, an outlet, a headline, who recorded it) keeps its own direction, as the board's
pages do; a Latin description's full stop jumped to its start ("resolution .2254"). Record
times say their time zone."""

from __future__ import annotations

import re

from django.conf import settings

from tests.admin.conftest import page_url


def test_recorded_text_is_isolated_and_record_times_say_their_zone(editor_client, geneva):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = editor_client.get(page_url(geneva)).content.decode()
    assert 'dir="rtl"' in page
    cells = re.findall(r'<td dir="auto">([^<]*)', page)
    assert any(geneva.description[:20] in cell for cell in cells), "the description's cell"
    assert f'<td dir="auto">{geneva.conflict}</td>' in page
    # Each cause's words, who stated it and its outlet, each in its own direction.
    causes = re.findall(r'<ul class="cause-list">(.*?)</ul>', page, re.S)
    assert causes
    for listed in causes:
        for item in re.findall(r"<li>(.*?)</li>", listed, re.S):
            assert item.count("<bdi>") >= 2, item
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<br><bdi>", page)
