"""Not collected by the suite (no `test_` prefix): run on its own by
test_a_postgresql_run_drops_its_test_database.py. A thread keeps a connection to the test
database open past the end of the run, as a live server's thread serving a keep-alive socket
does."""

import threading

import pytest
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_a_thread_keeps_a_connection_open():
    opened, done = threading.Event(), threading.Event()

    def serve():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        opened.set()
        done.wait()  # never set: the thread outlives the run, its connection open

    threading.Thread(target=serve, daemon=True).start()
    assert opened.wait(timeout=30)
