"""Which delivery run holds an endpoint: a run claims the endpoints it sends to (a token and
a lease, renewed while it goes on), a failed one stays held until its retry is due, and
another run takes over an endpoint whose claim has lapsed (a worker that died)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connections, models, router
from django.db.models import Min, Q

from negotiations.write.permissions import recorders
from negotiations.write.runtime import get_application

from .models import Endpoint


def now() -> datetime:
    return datetime.now(UTC)


def lease() -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS)


def store_head() -> int:
    return get_application().recorder.max_notification_id() or 0


def release(endpoint_id: uuid.UUID | str, token: uuid.UUID | str) -> None:
    Endpoint.objects.filter(pk=endpoint_id, claim_token=token).update(
        claim_token=None, claimed_until=None
    )


def claim_all(token: uuid.UUID | str, ids: list[uuid.UUID | str] | None) -> list[Endpoint]:
    """Take the endpoints `ids` (or every one `endpoints_behind` names) that no other run
    holds, and read them: one `UPDATE ... RETURNING` (PostgreSQL, and SQLite since 3.35)."""
    t = now()
    meta = Endpoint._meta
    field = meta.get_field
    connection = connections[router.db_for_write(Endpoint)]

    def value(name: str, v: Any) -> Any:
        found = field(name)
        if not isinstance(found, models.Field):  # a column of its own, not a relation
            raise TypeError(name)
        return found.get_db_prep_value(v, connection)

    quote = connection.ops.quote_name
    token_value = value("claim_token", uuid.UUID(str(token)))
    params: list[Any] = [token_value, value("claimed_until", t + lease())]
    if ids is None:
        ids = list(endpoints_behind())
    else:  # named ones too (a run's next claims, a task queued before): the owner's right
        named = Endpoint.objects.filter(owners_may_manage(), pk__in=ids)
        ids = [str(pk) for pk in named.values_list("pk", flat=True)]
    if not ids:
        return []
    where = [f"{quote('active')} = %s"]
    params.append(value("active", True))
    where.append(f"{quote('id')} IN ({', '.join(['%s'] * len(ids))})")
    params.extend(value("id", uuid.UUID(str(i))) for i in ids)
    where.append(
        f"({quote('claimed_until')} IS NULL OR {quote('claimed_until')} < %s"
        f" OR {quote('claim_token')} = %s)"
    )
    params.extend([value("claimed_until", t), token_value])
    columns = ", ".join(quote(f.column) for f in meta.concrete_fields if f.column)
    # The model's own names, quoted; every value a parameter.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {quote('claim_token')} = %s, "  # noqa: S608
        f"{quote('claimed_until')} = %s WHERE {' AND '.join(where)} RETURNING {columns}"
    )
    return list(Endpoint.objects.raw(sql, params))


def owners_may_manage() -> Q:
    """The endpoints whose owner may still manage webhooks (`may_record`), or made without
    one by the services' own callers."""
    return Q(created_by__isnull=True) | Q(created_by__in=recorders().values("pk"))


def endpoints_behind() -> list[str]:
    """Active endpoints with events to deliver that no run holds, whose owner may still
    manage webhooks: an editor deactivated or taken out of the Editors group can neither see
    nor delete their endpoints, which wait, undelivered, until they may again (a webhook
    tester's outside test: they went on receiving every event). An endpoint made without an
    owner (the services' own callers) is delivered."""
    head = store_head()
    t = now()
    return [
        str(pk)
        for pk in Endpoint.objects.filter(owners_may_manage(), active=True, position__lt=head)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=t))
        .values_list("pk", flat=True)
    ]


def due_in(ids: list[str]) -> float | None:
    """Seconds until the earliest retry of these endpoints is due (0 if one is), or None when
    none of them waits for one (each held until then: `delivery._failed`)."""
    held = Endpoint.objects.filter(pk__in=ids, active=True, claimed_until__isnull=False)
    earliest = held.aggregate(first=Min("claimed_until"))["first"]
    return None if earliest is None else max(0.0, (earliest - now()).total_seconds())
