"""The admin's table of periods tells every date a rescheduled pause expected, as the board
does (tests/board/test_a_rescheduled_pause_reads_every_date_it_expected.py)."""

import re

from negotiations.read.models import Process
from tests.admin.conftest import page_url
from tests.board.test_a_rescheduled_pause_reads_every_date_it_expected import (
    record_rescheduled,
)


def test_the_admin_s_table_tells_both_dates(editor_client, editor_api, actors):
    process = Process.objects.get(slug=record_rescheduled(editor_api))
    page = editor_client.get(page_url(process)).content.decode()
    table = page[page.index('id="status-table"') :]
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table[: table.index("</table>")]))
    assert "2012-11-15, then 2012-11-19" in table
