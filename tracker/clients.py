"""The address a request came from, as far as it can be trusted.

`REMOTE_ADDR` is the peer that opened the connection. A client can write anything into
`X-Forwarded-For`, so that header counts only when the peer is one of TRUSTED_PROXIES (none by
default): then the client is the right-most address in it that is not a trusted proxy
itself, the one the outermost trusted proxy saw. The failed-token throttle and django-axes
(AXES_CLIENT_IP_CALLABLE) both key on it."""

from __future__ import annotations

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def trusted(address: str) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR") or ""
    if not trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not trusted(hop):
            return hop[:64]
    return hops[0][:64] if hops else peer
