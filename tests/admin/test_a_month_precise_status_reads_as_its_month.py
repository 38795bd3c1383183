"""The process page shows a status that began on a month-precise date as its month."""

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
