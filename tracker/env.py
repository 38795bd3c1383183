"""Reading settings from the environment, strictly: a value that does not parse stops the start
with a message naming the variable, instead of quietly meaning something else (with a lenient
parser `EMAIL_USE_TLS=ture` is plaintext SMTP). Unset or empty means the default.

Hand-written rather than django-environ, whose `Env.bool` reads any unknown word as False
(`ture` is False), whose `Env.int` error does not name the variable, and whose `Env.url`
accepts any string."""

from __future__ import annotations

import datetime
import math
import os
import re
import zoneinfo
from collections.abc import Callable
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import TypeVar
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

N = TypeVar("N", int, float)

TRUE = {"1", "true", "yes", "y", "on"}
FALSE = {"0", "false", "no", "n", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def refuse(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"The environment variable {name}={value!r} is not {expected}.")


def boolean(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE | FALSE:
        return value.lower() in TRUE
    raise refuse(name, value, "a boolean (true/false, yes/no, on/off, 1/0)")


def integer(name: str, default: int, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    return _number(name, default, int, "a whole number", minimum, maximum)


def number(name: str, default: float, *, minimum: float | None = 0) -> float:
    return _number(name, default, float, "a number", minimum, None)


def _number(
    name: str, default: N, kind: Callable[[str], N], what: str, minimum: N | None, maximum: N | None
) -> N:
    """The variable as a finite `kind` from `minimum` to `maximum`, or a refusal naming it."""
    value = _raw(name)
    if value is None:
        return default
    try:
        parsed = kind(value)
    except ValueError:
        raise refuse(name, value, what) from None
    if not math.isfinite(parsed):
        raise refuse(name, value, f"a finite {what.removeprefix('a ')}")
    if maximum is not None and not (minimum or 0) <= parsed <= maximum:
        raise refuse(name, value, f"{what} from {minimum or 0} to {maximum}")
    if minimum is not None and parsed < minimum:
        raise refuse(name, value, f"{what} of at least {minimum}")
    return parsed


def choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (compared in capitals, as logging's level names are written)."""
    value = _raw(name)
    if value is None:
        return default
    if value.upper() in choices:
        return value.upper()
    raise refuse(name, value, "one of " + ", ".join(choices))


def url(name: str, default: str, *, schemes: set[str]) -> str:
    """A URL with one of `schemes` and a host (`default` may be empty: not configured)."""
    value = _raw(name)
    if value is None:
        return default
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        raise refuse(
            name, value, "a URL starting with " + " or ".join(f"{s}://" for s in sorted(schemes))
        )
    if not (parts.netloc or parts.path):
        raise refuse(name, value, f"a URL with a host or a path after {parts.scheme}://")
    if parts.scheme in {"http", "https", "redis", "rediss", "amqp", "amqps"}:
        try:
            parts.port  # noqa: B018 - parsing the port refuses one that is not a number
        except ValueError:
            raise refuse(name, value, "a URL with a numeric port") from None
        if not parts.hostname:
            raise refuse(name, value, "a URL with a host")
    return value


def text(name: str, default: str) -> str:
    """The variable as it is (spaces around it removed), or `default` when unset or empty: an
    env file's `TIME_ZONE=` line means the default, not an empty zone."""
    return _raw(name) or default


def refuse_weak_key(name: str, key: str) -> None:
    """Refuse a signing key Django's `check --deploy` calls weak (W009): under 50 characters,
    under 5 distinct ones, or marked `django-insecure-`. Its value is not repeated."""
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            f"The environment variable {name} is too weak: use at least 50 random characters, "
            "such as python3 -c 'import secrets; print(secrets.token_urlsafe(50))' prints."
        )


def strings(name: str, default: str) -> list[str]:
    return [item.strip() for item in text(name, default).split(",") if item.strip()]


def zone(name: str, default: str) -> str:
    """An IANA time zone name (`Europe/Zurich`), or a refusal."""
    value = text(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise refuse(name, value, "a time zone name such as UTC or Europe/Zurich") from None
    return value


# Django REST framework's throttle rates: a count of at least 1 per second, minute, hour or day.
RATE = re.compile(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)")


def rate(name: str, default: str) -> str:
    """A throttle rate (`20/min`), or a refusal: the framework reads it at the first request
    it throttles, where a malformed one was a 500."""
    value = text(name, default)
    if not RATE.fullmatch(value):
        raise refuse(name, value, "a rate such as 20/min (per s, min, hour or day)")
    return value


def origins(name: str) -> list[str]:
    """Comma-separated web origins (`https://news.example.org`): scheme, host, optional port,
    nothing else."""
    found = strings(name, "")
    for value in found:
        parts = urlsplit(value)
        try:
            parts.port  # noqa: B018 - parsing the port refuses one that is not a number
        except ValueError:
            raise refuse(name, value, "a list of origins with numeric ports") from None
        if (
            parts.scheme not in {"http", "https"}
            or not parts.hostname
            or parts.path
            or parts.query
            or parts.fragment
        ):
            raise refuse(name, value, "a list of origins such as https://news.example.org")
    return found


def networks(name: str, default: str = "") -> list[IPv4Network | IPv6Network]:
    """Comma-separated addresses or CIDR blocks (`10.0.0.0/8, 192.0.2.7`), or a refusal."""
    found = []
    for item in strings(name, default):
        try:
            found.append(ip_network(item, strict=False))
        except ValueError:
            raise refuse(name, item, "an IP address or a CIDR block (10.0.0.0/8)") from None
    return found


def date(name: str, default: str) -> datetime.date:
    """An ISO date (YYYY-MM-DD), or a refusal."""
    value = _raw(name) or default
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise refuse(name, value, "a date (YYYY-MM-DD)") from None


def fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys (32 url-safe base64 bytes each, as `Fernet.generate_key()`
    makes). A key that is not one stops the start; the message names the variable and the
    key's place in the list, never the key."""
    from cryptography.fernet import Fernet

    keys = strings(name, "")
    for place, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"The environment variable {name}: key {place} is not a Fernet key "
                "(32 url-safe base64-encoded bytes, as Fernet.generate_key() makes)."
            ) from None
    return keys


def existing_path(name: str, *, folder: bool = False) -> str:
    """The path of a file (or, `folder`, of a folder) that exists, or "" when unset."""
    value = _raw(name)
    if value is None:
        return ""
    if folder and not os.path.isdir(value):
        raise refuse(name, value, "an existing folder (make it first: mkdir -p)")
    if not folder and not os.path.isfile(value):
        raise refuse(name, value, "the path of an existing file")
    return value
