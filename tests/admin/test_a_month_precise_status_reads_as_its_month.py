"""The process page shows a status that began on a month-precise date as its month."""

import re
from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tests.admin.conftest import event_data, opened_form, page_url, record_url
from tests.factories import body_for


def test_status_since_a_month_precise_date_reads_as_the_month(app, active, editor_client):
    app.conclude_talks(active.pk, recorded_by="editor", **body_for("talks_concluded", "2016-08-24"))
    app.resume_talks(
        active.pk,
        recorded_by="editor",
        **body_for("talks_resumed", "2016-10-01", date_precision="month"),
    )
    html = editor_client.get(page_url(active)).content.decode()
    summary = html.split('class="process-summary"')[1].split("</table>")[0]
    assert "<td>October 2016</td>" in summary
    assert "2016-10-01" not in summary


def test_a_period_begun_in_a_month_reads_as_the_month_in_the_status_table(
    app, active, editor_client
):
    """As the board's table reads it: the period the month-precise resumption began, and the
    one it ended, say "October 2016", not the first of the month."""
    app.conclude_talks(active.pk, recorded_by="editor", **body_for("talks_concluded", "2016-08-24"))
    app.resume_talks(
        active.pk,
        recorded_by="editor",
        **body_for("talks_resumed", "2016-10-01", date_precision="month"),
    )
    html = editor_client.get(page_url(active), {"range": "all"}).content.decode()
    table = re.sub(r">\s+<", "><", html.split('id="status-table"')[1].split("</table>")[0])
    rows = [row.split("</tr>")[0] for row in table.split('<tr class="period-')[1:]]
    concluded, resumed = rows[-2], rows[-1]
    assert "<td>2016-08-24</td><td>October 2016</td>" in concluded
    assert "<td>October 2016</td>" in resumed
    assert "2016-10-01" not in table


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans"])
def test_a_month_is_written_one_way_on_the_whole_page(app, active, editor_client, language):
    """The timeline and the conflict notice wrote "Oct 2016", the summary and the status table
    "October 2016" (and, in Chinese, "十月 2016"): all now say the month as the board does,
    by the language's YEAR_MONTH_FORMAT."""
    app.conclude_talks(active.pk, recorded_by="editor", **body_for("talks_concluded", "2016-08-24"))
    editor_client.cookies["django_language"] = language
    url = record_url(active, "statement_made")
    control = opened_form(editor_client, url)
    resumed = app.resume_talks(
        active.pk,
        recorded_by="colleague",
        **body_for("talks_resumed", "2016-10-01", date_precision="month"),
    )
    with translation.override(language):
        month = date_format(date(2016, 10, 1), "YEAR_MONTH_FORMAT")
    html = editor_client.get(page_url(active), {"range": "all"}).content.decode()
    summary = html.split('class="process-summary"')[1].split("</table>")[0]
    assert f"<td>{month}</td>" in summary
    table = html.split('id="status-table"')[1].split("</table>")[0]
    assert f"<td>{month}</td>" in table
    row = html.split(f'id="event-{resumed.sequence}"')[1].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", row)[1] == month
    fields = {"occurred_on": "2016-10-02", "actor": "turkey", "stance": "supportive"}
    fields["summary"] = "Welcomed."
    notice = editor_client.post(url, event_data(control, fields)).content.decode()
    listed = notice.split('id="recorded-since"')[1].split("</ul>")[0]
    assert f"({month})" in listed, listed
