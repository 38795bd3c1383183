"""The process page shows a status that began on a month-precise date as its month."""

import re

from tests.admin.conftest import page_url
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
