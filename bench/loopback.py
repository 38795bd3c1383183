"""Loopback plumbing that the bench and the tests share: an HTTP server served from a thread
on a free port, and a Celery worker stopped politely with its queue removed. (The bench never
imports the tests; the tests may use this.)"""

from __future__ import annotations

import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and answers with an empty body."""

    def answer_empty(self, status: int) -> None:
        """Send `status` with no body."""
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def serve_in_a_thread(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """Serve `handler` on a free loopback port from a daemon thread; the running server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop_worker(
    process: subprocess.Popen, *, redis: tuple[str, int], db: int, queue: str, timeout: float
) -> None:
    """Stop a worker (SIGTERM, SIGKILL after `timeout` seconds) and delete its Redis queue."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    import redis as redis_client

    redis_client.Redis(*redis, db=db).delete(queue)
