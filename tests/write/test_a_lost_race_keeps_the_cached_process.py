"""A write that lost a race (the store refused its event: another writer took the version)
keeps the cached process, which the retry brings forward over the winner's event alone. It
was dropped, and loaded again from the first event on every lost race: a writer of a long
history kept losing to writers with warm caches (an operator's outside test: 2 of 800
writes lost 50 races in a row). A process cached ahead of the store is still dropped (the
gap trigger's case, `test_no_event_is_stored_past_a_gap.py`)."""

from negotiations.write.application import private_copy
from tests.factories import body_for, opening, record


def test_the_retry_finds_the_process_still_cached(app, actors):
    assert app.repository.cache is not None  # the served configuration
    pid = app.open_process(opening(), recorded_by="x").process_id
    record(app, pid, "talks_convened", "2016-01-29")
    stale = private_copy(app.get_process_at(pid, 1))  # as a racing writer read it
    real, seen = app.get_process, []

    def get_process(process_id):
        if not seen:
            seen.append("stale")
            return stale  # its event takes version 2, which the store holds: refused
        try:
            app.repository.cache.get(process_id)
            seen.append("cached")
        except KeyError:
            seen.append("dropped")
        return real(process_id)

    app.get_process = get_process
    made = app.record_event(
        pid, event_type="statement_made", body=body_for("statement_made"), recorded_by="x"
    )
    assert seen == ["stale", "cached"]
    assert made.sequence == 3
