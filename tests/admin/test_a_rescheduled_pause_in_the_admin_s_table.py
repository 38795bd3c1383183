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
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", table[: table.index("</table>")]))
    assert "2012-11-15, then 2012-11-19" in table


def test_in_arabic_each_date_keeps_its_order(editor_client, editor_api, actors):
    """After "، ثم" (Arabic words) an ISO date's digits are Arabic numbers, which a hyphen
    does not join: 2012-11-19 read 19-11-2012. Each date is kept left to right."""
    process = Process.objects.get(slug=record_rescheduled(editor_api))
    page = editor_client.get(page_url(process), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    table = page[page.index('id="status-table"') :]
    table = table[: table.index("</table>")]
    assert '<bdi dir="ltr">2012-11-15</bdi>، ثم <bdi dir="ltr">2012-11-19</bdi>' in table
