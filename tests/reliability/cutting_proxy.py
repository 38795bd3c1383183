"""A loopback TCP proxy between Django and PostgreSQL that cuts a connection at a chosen
message of the client, from outside the process, as a network failure or a killed pooler
would.

It reads the client's side of the PostgreSQL wire protocol message by message (the server's
side is relayed as bytes). Armed with a test on messages, it acts on the first that matches:

- `forward=False`: the message never reaches the server; both sides are closed. The server
  sees its client gone and rolls the transaction back.
- `forward=True`: the message goes to the server, whose answer is held back until it has
  completed the `COMMIT` (its `CommandComplete` tag); then both sides are closed, so the
  client never hears that its commit succeeded.

The client must not ask for TLS (`sslmode=disable`): the proxy reads plain messages.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104
COMMIT_COMPLETE = b"C\x00\x00\x00\x0bCOMMIT\x00"  # CommandComplete, tag COMMIT


def sql_of(message: bytes) -> bytes:
    """The SQL text of a simple query ('Q') or a parse ('P') message; b"" for any other."""
    kind, body = message[:1], message[5:]
    if kind == b"Q":
        return body.rstrip(b"\x00")
    if kind == b"P":
        _name, _, rest = body.partition(b"\x00")
        return rest.partition(b"\x00")[0]
    return b""


def is_commit(message: bytes) -> bool:
    return sql_of(message).strip().rstrip(b";").upper() == b"COMMIT"


def sql_contains(text: bytes) -> Callable[[bytes], bool]:
    return lambda message: text in sql_of(message)


@dataclass
class Trap:
    matches: Callable[[bytes], bool]
    forward: bool


class CuttingProxy:
    def __init__(self, port: int, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", port))
        self.port = port
        self.trap: Trap | None = None
        self.cut = threading.Event()  # set once a connection was cut (and, forwarded, committed)
        self.cut_after_commit = False
        self._lock = threading.Lock()
        self._closing = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, matches: Callable[[bytes], bool], *, forward: bool) -> None:
        with self._lock:
            self.cut.clear()
            self.cut_after_commit = False
            self.trap = Trap(matches, forward)

    def close(self) -> None:
        self._closing = True
        self.listener.close()
        for s in list(self._sockets):
            _close(s)

    # -- relaying --------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self._sockets += [client, server]
            held = _Held()
            for relay, ends in (
                (self._to_server, (client, server)),
                (self._to_client, (server, client)),
            ):
                threading.Thread(target=relay, args=(*ends, held), daemon=True).start()

    def _take_trap(self, message: bytes) -> Trap | None:
        with self._lock:
            if self.trap is not None and self.trap.matches(message):
                trap, self.trap = self.trap, None
                return trap
        return None

    def _to_server(self, client: socket.socket, server: socket.socket, held: _Held) -> None:
        buffer, startup = b"", True
        try:
            while data := client.recv(65536):
                buffer += data
                while True:
                    message, buffer, startup = _next_message(buffer, startup)
                    if message is None:
                        break
                    trap = None if startup else self._take_trap(message)
                    if trap is not None and not trap.forward:
                        _close(server)
                        _close(client)
                        self.cut.set()
                        return
                    if trap is not None:
                        held.start()  # the server's answers from here on are held back
                    server.sendall(message)
        except OSError:
            pass
        finally:
            _close(server)

    def _to_client(self, server: socket.socket, client: socket.socket, held: _Held) -> None:
        try:
            while data := server.recv(65536):
                if not held.holding:
                    client.sendall(data)
                    continue
                held.data += data
                if COMMIT_COMPLETE in held.data:
                    # The server has committed; the client will never hear it.
                    _close(client)
                    _close(server)
                    self.cut_after_commit = True
                    self.cut.set()
                    return
        except OSError:
            pass
        finally:
            _close(client)


class _Held:
    def __init__(self) -> None:
        self.holding = False
        self.data = b""

    def start(self) -> None:
        self.holding = True


def _next_message(buffer: bytes, startup: bool) -> tuple[bytes | None, bytes, bool]:
    """The next whole message of the client, the rest, and whether the startup (untyped)
    phase goes on."""
    if startup:
        if len(buffer) < 8:
            return None, buffer, True
        length = int.from_bytes(buffer[:4], "big")
        if len(buffer) < length:
            return None, buffer, True
        code = int.from_bytes(buffer[4:8], "big")
        return buffer[:length], buffer[length:], code in (SSL_REQUEST, GSSENC_REQUEST)
    if len(buffer) < 5:
        return None, buffer, False
    length = int.from_bytes(buffer[1:5], "big")
    if len(buffer) < length + 1:
        return None, buffer, False
    return buffer[: length + 1], buffer[length + 1 :], False


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()
