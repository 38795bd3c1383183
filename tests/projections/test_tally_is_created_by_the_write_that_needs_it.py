"""The process tally is added to by one upsert: a write that finds no tally row creates it,
also when the write's read-model statements are pipelined (PostgreSQL), where an UPDATE's
row count is not known until the pipeline ends."""

from negotiations.read.models import Tally
from negotiations.read.selectors import process_count
from tests.factories import opening


def test_opening_a_process_creates_a_missing_tally(app, actors):
    app.open_process(opening(slug="first"), recorded_by="a")  # the projection is under way
    Tally.objects.all().delete()  # as a store projected before the tally existed

    app.open_process(opening(slug="second"), recorded_by="a")

    assert process_count() == 1  # counted from here on
    app.open_process(opening(slug="third"), recorded_by="a")
    assert process_count() == 2
