"""A process stored before the folded search column existed is found by search after
`migrate` alone: migration 0007 fills the column for every existing row (no rebuild needed),
with the values the projection would write."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from negotiations.read.folding import search_text
from negotiations.read.models import Process

BEFORE = [("negotiations", "0006_fewer_indexes")]
AFTER = [("negotiations", "0007_process_search_text")]


@pytest.mark.django_db(transaction=True)
def test_migrate_fills_the_search_column_of_stored_processes(anon):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("negotiations", "Process")
        now = datetime(2016, 2, 5, 12, tzinfo=UTC)
        old.objects.create(
            id=uuid.uuid4(),
            slug="minsk",
            name="Минские переговоры",
            conflict="Война на Донбассе",
            description="Переговоры в Минске",
            status="active",
            version=1,
            created_at=now,
            updated_at=now,
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    stored = Process.objects.get(slug="minsk")
    assert stored.search_text == search_text(stored.name, stored.conflict, stored.description)
    found = anon.get("/api/v1/processes/", {"q": "МИНСКИЕ"}).json()["results"]
    assert [r["slug"] for r in found] == ["minsk"]
