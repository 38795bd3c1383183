"""A real HTTP receiver on loopback for webhook tests: it keeps every request it gets, can
fail or stall on purpose, and checks Standard Webhooks signatures with the `standardwebhooks`
package and, independently, by hand (HMAC-SHA256 of `id.timestamp.body`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer

from standardwebhooks import Webhook

from bench.loopback import QuietHandler, serve_in_a_thread


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def payload(self) -> dict:
        return json.loads(self.body)

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]


@dataclass
class Receiver:
    url: str = ""
    received: list[Received] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    fail_next: int = 0  # answer 500 to this many requests
    delay: float = 0.0
    # Take a request only if its sender still waits for the answer once the receiver is done
    # with it (a sender killed meanwhile never learnt it arrived, so must send it again).
    only_if_sender_waits: bool = False
    dropped: int = 0
    arrived: int = 0  # requests read, answered or not
    # Answer every request with this status, body and headers instead (None: 204 or 500).
    reply: tuple[int, bytes, dict[str, str]] | None = None
    sni: list[str | None] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def at(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]

    def answer(self) -> int:
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                return 500
            return 204


def verify(received: Received, secret: str, *, check_time: bool = True) -> dict:
    """The payload, once its signature is checked two ways; raises if it is not genuine."""
    headers = received.headers
    if check_time:
        payload = Webhook(secret).verify(received.body, headers)
    else:
        payload = json.loads(received.body)
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + received.body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    versions = [s.split(",", 1) for s in headers["webhook-signature"].split(" ")]
    assert ["v1", expected] in [list(v) for v in versions], "signature mismatch"
    return payload


def sender_gone(sock: socket.socket) -> bool:
    """Whether the peer closed its end (a killed process's sockets are closed by its kernel)."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


@contextmanager
def running(tls: ssl.SSLContext | None = None) -> Iterator[Receiver]:
    """A receiver on a loopback port while the block runs (the one way the fixtures start
    it); over HTTPS with `tls` (its server context), noting the name each client asked for in
    the TLS handshake (SNI) in `receiver.sni`."""
    receiver = Receiver()

    class Handler(QuietHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with receiver.lock:
                receiver.arrived += 1
            if receiver.delay:
                time.sleep(receiver.delay)
            if receiver.only_if_sender_waits and sender_gone(self.connection):
                with receiver.lock:
                    receiver.dropped += 1
                return
            status, body_out, headers_out = receiver.reply or (receiver.answer(), b"", {})
            with receiver.lock:
                receiver.received.append(
                    Received(
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        body,
                        time.time(),
                    )
                )
                receiver.answered.append(status)
            self.send_response(status)
            for name, value in {**headers_out, "Content-Length": str(len(body_out))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body_out)

    if tls is None:
        server = serve_in_a_thread(Handler)
    else:
        tls.sni_callback = lambda _socket, name, _context: receiver.sni.append(name)
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    scheme = "https" if tls else "http"
    receiver.url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
