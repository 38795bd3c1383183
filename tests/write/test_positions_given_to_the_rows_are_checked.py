"""PostgreSQL: the inline rows go to the server ahead of the events' insert, in its pipeline,
so their store positions are computed by the server from the table's sequence (with the
table locked, the next values it hands out). After the insert the recorder checks them
against the positions the events got (the claim answers the last it gave): rows that would
carry wrong positions fail the command, and nothing is stored."""

import pytest
from django.db import connection

from negotiations.read import claim
from tests.api.recording import post_event
from tests.projections.helpers import store_and_read_models

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the positions are computed ahead on PostgreSQL"
)


def test_a_write_whose_rows_got_other_positions_stores_nothing(
    app, editor_api, opened, monkeypatch
):
    assert post_event(editor_api, opened["slug"], "talks_convened").status_code == 201
    before = store_and_read_models(app)

    # As if another writer had drawn a value from the sequence between the rows and the
    # insert: the rows (and the claim) took the next positions, the events get the ones after.
    sent = claim.Claim.send

    def drawn_after(self):
        sent(self)
        sequence = app.recorder.notification_sequence()
        claim.run("SELECT nextval(%s::regclass)", (sequence,)).close()

    monkeypatch.setattr(claim.Claim, "send", drawn_after)
    said = {"actor": "turkey", "stance": "critical", "summary": "No point to talks."}
    refused = post_event(editor_api, opened["slug"], "statement_made", **said)

    assert refused.status_code == 500
    assert store_and_read_models(app) == before

    monkeypatch.undo()
    assert post_event(editor_api, opened["slug"], "statement_made", **said).status_code == 201
