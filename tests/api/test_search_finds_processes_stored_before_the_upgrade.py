"""A process stored before the folded search column existed is found by search after
`migrate` alone: migration 0007 fills the column for every existing row (no rebuild needed),
with the values the projection would write."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from negotiations.read.folding import search_text
from negotiations.read.models import Process
from tests.factories import process_row

BEFORE = [("negotiations", "0006_fewer_indexes")]
AFTER = [("negotiations", "0007_process_search_text")]


@pytest.mark.django_db(transaction=True)
def test_migrate_fills_the_search_column_of_stored_processes(anon):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("negotiations", "Process")
        names = {"name": "Минские переговоры", "conflict": "Война на Донбассе"}
        process_row(model=old, slug="minsk", **names, description="Переговоры в Минске")
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    stored = Process.objects.get(slug="minsk")
    assert stored.search_text == search_text(stored.name, stored.conflict, stored.description)
    found = anon.get("/api/v1/processes/", {"q": "МИНСКИЕ"}).json()["results"]
    assert [r["slug"] for r in found] == ["minsk"]
