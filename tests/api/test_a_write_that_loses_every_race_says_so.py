"""A write sent without an expected version that loses every race to record after the others
(another writer appending first each time) is refused as what it is: 503 `contended`, with
`Retry-After`, nothing recorded. It was a 409 `version_conflict` "at version 662, not 0",
about a version no one had sent (an operator's outside test: 2 of 800 writes)."""

from eventsourcing.persistence import IntegrityError

from negotiations.write import application
from tests.api.recording import post_event, store_snapshot


def test_the_last_lost_race_is_a_503_saying_to_send_it_again(editor_api, opened, monkeypatch):
    app = application.PeaceProcesses  # every lost race: another writer took the version first
    monkeypatch.setattr(application, "WRITE_RETRIES", 3)

    def lost(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(app, "_save", lost)
    before = store_snapshot()
    answer = post_event(editor_api, opened["slug"], "talks_convened")
    assert answer.status_code == 503, answer.json()
    assert answer.json()["code"] == "contended"
    assert "nothing was recorded" in answer.json()["detail"]
    assert answer["Retry-After"] == "1"
    assert store_snapshot() == before
