"""Outbound safety: webhooks reach public addresses only (unless WEBHOOK_ALLOW_PRIVATE_URLS).

An editor chooses the URL, so without a check the tracker would POST wherever they like
inside its own network (Redis, the database, a cloud's metadata service at 169.254.169.254)
and tell them how it went. As Svix and GitHub do, the host is resolved and every address it
resolves to must be public: not loopback, private, link-local, multicast, reserved or
unspecified, IPv4 or IPv6, nor an IPv6 address that embeds such an IPv4 one (IPv4-mapped,
6to4, NAT64). The check runs at registration and again at each delivery (DNS can change), and
a delivery connects to the very address it checked (`send`), with the URL's host in the Host
header and in TLS (SNI and the certificate's name), so the name cannot be re-resolved to
somewhere else between the check and the connection. Redirects are not followed, and what a
receiver answers is never kept beyond its status code.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

import certifi
import idna
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import deadline, lookup
from .lookup import resolve  # tests replace `outbound.resolve` to simulate DNS

log = logging.getLogger(__name__)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64 (RFC 6052's well-known prefix) carries an IPv4 address in its last 32 bits; its
# local-use prefix (RFC 8215) is never public.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")
# The most telling name first (0.0.0.0 and 169.254.0.0/16 are also "private" to Python),
# each with what a refusal calls it (translated when said: an editor's request is in their
# language, a delivery's log in English).
KINDS = {
    "unspecified": gettext_noop("an unspecified address"),
    "loopback": gettext_noop("a loopback address"),
    "link_local": gettext_noop("a link-local address"),
    "multicast": gettext_noop("a multicast address"),
    "reserved": gettext_noop("a reserved address"),
    "private": gettext_noop("a private address"),
    # IPv6's deprecated site-local fec0::/10 (RFC 3879): private in use, global to Python
    # (a webhook tester's outside test registered http://[fec0::1]/).
    "site_local": gettext_noop("a site-local address"),
}
# The refusal, as the host is an address or a name that resolves to one.
REFUSED = {
    True: gettext_noop(
        "Webhooks are sent to public addresses only (not loopback, private, link-local, "
        "multicast, reserved or unspecified ones): %(host)s is %(reason)s."
    ),
    # A name's refusal says neither what it resolved to nor its kind, and is the same when it
    # does not resolve at all (at delivery): an editor must not map the inside by it.
    False: gettext_noop(
        "Webhooks are sent to public addresses only (not loopback, private, link-local, "
        "multicast, reserved or unspecified ones): %(host)s does not resolve to public "
        "addresses only."
    ),
}
BAD_URL = (
    gettext_noop("Use an http:// or https:// URL with a host."),
    gettext_noop(
        "Leave the user name and password out of the URL: a receiver checks the signature."
    ),
    gettext_noop("The URL's port is not a number from 1 to 65535."),
    gettext_noop("The URL's host is not a valid domain name."),
    gettext_noop("The URL holds an invisible or control character."),
    gettext_noop("Leave the fragment (#…) out of the URL: it is never sent."),
)


# At most this much of an answer is read (and then dropped), so that the connection can be
# used again; an answer longer than that closes it.
MAX_ANSWER_BYTES = 64 * 1024


class UnsafeDestination(Exception):
    """The URL's host is, or resolves to, an address webhooks may not reach."""


class Unresolvable(Exception):
    """The URL's host does not resolve (now)."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (IPv4-mapped, 6to4, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def why_not_public(address: Address) -> str | None:
    """None for a public address, else what it is ("a loopback address", ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            reason = why_not_public(inner)
            return (
                _("an IPv6 address embedding %(reason)s") % {"reason": reason} if reason else None
            )
        if address in LOCAL_NAT64:
            return _(KINDS["private"])
    for kind, words in KINDS.items():
        if getattr(address, f"is_{kind}", False):  # (site-local is IPv6's alone)
            return _(words)
    if not address.is_global:  # such as 100.64.0.0/10, carrier-grade NAT
        return _("a non-global address")
    return None


@dataclass(frozen=True)
class Destination:
    """Where one request goes: the address checked, and the URL's own host for HTTP and TLS."""

    scheme: str
    host: str
    port: int
    address: str
    target: str  # path and query

    @property
    def host_header(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return name if self.port == default else f"{name}:{self.port}"


def _scheme_host_and_port(parts: SplitResult) -> tuple[str, str, int]:
    """The URL's scheme, host and port, or UnsafeDestination for a URL no delivery may use."""
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("http", "https") or not host:
        raise UnsafeDestination(_(BAD_URL[0]))
    # A name the resolver could never look up (a bidirectional override in it, an empty or
    # overlong label): refused now, rather than stored, shown to every editor, and never
    # delivered. A name in another script is looked up, connected to and named (the Host
    # header, SNI, the certificate check) in its ASCII form, `xn--...`, as browsers make it
    # (UTS 46, IDNA 2008: `faß.de` is `xn--fa-hia.de`, not `fass.de`): HTTP carries no other
    # (an outside test's `例え.テスト` failed every delivery, for ever, in the Host header).
    # One that form reads back otherwise (`ⓔxample.com` is example.com, a soft hyphen is
    # dropped) would show the editors another name than the one delivered to: refused.
    try:
        if host.isascii():
            host.encode("idna")
        else:
            ascii_host = idna.encode(host, uts46=True).decode("ascii")
            if idna.decode(ascii_host) != host:
                raise UnicodeError(host)
            host = ascii_host
    except (UnicodeError, idna.IDNAError):
        raise UnsafeDestination(_(BAD_URL[3])) from None
    if parts.username is not None or parts.password is not None:
        # Never sent (a delivery authenticates by its signature), and shown back to every
        # editor who can read the endpoint: a password in it would be a secret in the clear.
        raise UnsafeDestination(_(BAD_URL[1]))
    try:
        given = parts.port
    except ValueError:
        given = -1
    if given is not None and not 1 <= given <= 65535:
        raise UnsafeDestination(_(BAD_URL[2]))
    return scheme, host, given or (443 if scheme == "https" else 80)


# Joiners a word needs in Persian or Arabic script (and emoji), kept; fillers that draw
# nothing, refused with the controls and the other format characters.
JOINERS, FILLERS = "\u200c\u200d", "\u115f\u1160\u3164\uffa0"


def _invisible(c: str) -> bool:
    """A character a URL cannot show: a control, a format character but a joiner, a filler."""
    return c in FILLERS or unicodedata.category(c) in ("Cc", "Cf") and c not in JOINERS


def destination(url: str) -> Destination:
    """Resolve the URL's host once and check every address it has. Raises UnsafeDestination
    (unless WEBHOOK_ALLOW_PRIVATE_URLS) or Unresolvable."""
    parts = urlsplit(url)
    scheme, host, port = _scheme_host_and_port(parts)
    if any(_invisible(c) for c in url):
        # A bidirectional override in the path shows the editors another URL than the one
        # delivered to (an attacker's outside test had it accepted).
        raise UnsafeDestination(_(BAD_URL[4]))
    literal = True
    try:
        addresses: list[Address] = [ipaddress.ip_address(host)]
    except ValueError:  # a name (or an odd spelling of an address, which the resolver reads)
        literal = False
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as error:
            # The editor's words do not say why; the operator's log does.
            log.info("Webhook host %s did not resolve: %s", host, error)
            raise Unresolvable(_(REFUSED[False]) % {"host": parts.hostname}) from None
        if not addresses:
            log.info("Webhook host %s did not resolve: no address", host)
            raise Unresolvable(_(REFUSED[False]) % {"host": parts.hostname})
    if not settings.WEBHOOK_ALLOW_PRIVATE_URLS:
        for address in addresses:
            reason = why_not_public(address)
            if reason:
                # A resolved address is not shown, nor a name's kind: an editor must not map
                # the inside by it (a security review listed names and their kinds).
                refused = _(REFUSED[literal]) % {"host": parts.hostname, "reason": reason}
                log.info("Webhook host %s refused: it resolves to %s", host, reason)
                raise UnsafeDestination(refused)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    first = addresses[0]
    if isinstance(first, ipaddress.IPv6Address) and first.ipv4_mapped is not None:
        first = first.ipv4_mapped  # the IPv4 address itself: no IPv6 needed to reach it
    return Destination(scheme, host, port, str(first), target)


def registration_problem(url: str) -> str | None:
    """Why this URL may not be registered, or None. A host that does not resolve now is
    accepted: it is checked again at each delivery, and nothing is sent while it fails. A
    fragment is refused here only (an endpoint stored with one is delivered to without it):
    `http://example.com#@127.0.0.1/` read as an address it is not sent to."""
    if "#" in url:  # an empty fragment too (a review)
        return _(BAD_URL[5])
    try:
        destination(url)
    except UnsafeDestination as refused:
        return str(refused)
    except (Unresolvable, lookup.Busy):
        return None
    return None


class Sender:
    """POSTs to checked addresses, keeping one connection pool per destination. Safe to share
    between threads: a worker process keeps one (`shared`, below), so connections outlive a
    task run; `maxsize` connections per destination are kept open (one per request that may
    be in flight to it at once)."""

    def __init__(self, maxsize: int = 1) -> None:
        self.maxsize = maxsize
        self.pools: dict[tuple, urllib3.HTTPConnectionPool] = {}
        self.lock = threading.Lock()

    def pool(self, to: Destination) -> urllib3.HTTPConnectionPool:
        ca_certs = settings.WEBHOOK_CA_BUNDLE or certifi.where()
        read = settings.WEBHOOK_TIMEOUT_SECONDS
        key = (Destination(to.scheme, to.host, to.port, to.address, ""), ca_certs, read)
        with self.lock:
            if key not in self.pools:
                self.pools[key] = self._new_pool(
                    to,
                    ca_certs,
                    urllib3.Timeout(connect=settings.WEBHOOK_CONNECT_SECONDS, read=read),
                )
            return self.pools[key]

    def _new_pool(
        self, to: Destination, ca_certs: str, timeout: urllib3.Timeout
    ) -> urllib3.HTTPConnectionPool:
        if to.scheme == "https":
            return deadline.HTTPSPool(
                to.address,
                to.port,
                timeout=timeout,
                maxsize=self.maxsize,
                server_hostname=to.host,  # SNI, and
                assert_hostname=to.host,  # the name the certificate must carry
                cert_reqs="CERT_REQUIRED",
                ca_certs=ca_certs,
            )
        return deadline.HTTPPool(to.address, to.port, timeout=timeout, maxsize=self.maxsize)

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """The receiver's status code. Raises UnsafeDestination, Unresolvable, lookup.Busy or
        one of urllib3's HTTPError; the answer's body is read only to be dropped. The whole request
        (the host's lookup, connecting, sending, the answer to its last byte) ends within
        WEBHOOK_CONNECT_SECONDS + WEBHOOK_TIMEOUT_SECONDS: past that, it fails as a lookup
        given up, a connect timeout, or a read timeout with its connection cut (`deadline`)."""
        began = time.monotonic()
        to = destination(url)  # resolving the host counts against the deadline too
        pool = self.pool(to)
        whole = settings.WEBHOOK_CONNECT_SECONDS + settings.WEBHOOK_TIMEOUT_SECONDS
        left = max(whole - (time.monotonic() - began), 0.001)
        watch = deadline.Watch(left)
        # The connection too must be made within what the lookup left (the watch can cut a
        # socket only once there is one).
        timeout = urllib3.Timeout(
            connect=min(settings.WEBHOOK_CONNECT_SECONDS, left),
            read=settings.WEBHOOK_TIMEOUT_SECONDS,
        )
        deadline.watching(watch)
        response = None
        try:
            response = pool.urlopen(
                "POST",
                to.target,
                body=body,
                headers={**headers, "Host": to.host_header},
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=timeout,
            )
            _drain(response)
        except urllib3.exceptions.ConnectTimeoutError:
            raise  # no connection within what was left: said as such, even if cut meanwhile
        except (urllib3.exceptions.HTTPError, OSError) as failed:
            if watch.cut:
                raise deadline.Cut(pool, to.target, "cut") from failed
            raise
        finally:
            watch.finish()  # its timer goes with it, whatever came of the request
            deadline.watching(None)
            if response is not None:
                response.release_conn()
        if watch.cut:  # the answer's end never came: what came is not an answer
            raise deadline.Cut(pool, to.target, "cut")
        return response.status

    def close(self) -> None:
        with self.lock:
            for pool in self.pools.values():
                pool.close()
            self.pools.clear()


def _drain(response: urllib3.BaseHTTPResponse) -> None:
    """Read the answer to drop it, at most MAX_ANSWER_BYTES of it."""
    read = 0
    for chunk in response.stream(8192):
        read += len(chunk)
        if read > MAX_ANSWER_BYTES:
            response.close()
            return


# -- one thread pool and one HTTP connection pool per worker process --------------------------

_shared_lock = threading.Lock()
_shared: tuple[tuple[int, int], Sender, ThreadPoolExecutor] | None = None


def shared() -> tuple[Sender, ThreadPoolExecutor]:
    """This process's sender (its connections outlive a task run) and its sending threads
    (WEBHOOK_PARALLEL_REQUESTS), made on first use in each process (so after a fork)."""
    global _shared
    key = (os.getpid(), settings.WEBHOOK_PARALLEL_REQUESTS)
    with _shared_lock:
        if _shared is None or _shared[0] != key:
            if _shared is not None and _shared[0][0] == key[0]:  # resized (tests): let go
                _shared[2].shutdown(wait=False)
                _shared[1].close()
            _shared = (
                key,
                Sender(maxsize=key[1]),
                ThreadPoolExecutor(key[1], thread_name_prefix="webhooks"),
            )
        return _shared[1], _shared[2]
