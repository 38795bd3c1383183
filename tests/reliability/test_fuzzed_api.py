"""R4: schemathesis generates requests from our own OpenAPI schema, valid ones and invalid
ones, and sends them through the real Django stack, authenticated as an editor. Every check
schemathesis has runs on every response (its default set, as `--checks all`): no 5xx; each
status code, content type, header and body as the schema documents it for that operation;
invalid requests refused; valid ones accepted unless the domain refuses them for a reason the
schema cannot express (see ACCEPTED_REFUSALS).

Each operation is driven by Hypothesis directly (schemathesis' own pytest plugin does not
load under pytest 9)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from tests.api_fixtures import key_for
from tests.reliability.conftest import LONG, scale
from tracker.wsgi import application

# Reduced: 12 an operation and mode (386 requests), for the default suite's CPU (25 cost 25 s of
# its ~350 s; docs/reliability.md, R4); the full run keeps the 120.
EXAMPLES = int(os.environ.get("R4_EXAMPLES") or 0) or scale(120, 12)  # R4_EXAMPLES: a quick try
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# A request can match the schema and still be refused with 400, for a rule about the world
# rather than the shape of the request: positive_data_acceptance is off for these alone.
ACCEPTED_REFUSALS = {
    "POST /api/v1/processes/": "a slug taken, an actor slug no actor has",
    "POST /api/v1/processes/{ref}/events/": "an unknown actor, a date after today, a pause "
    "expected back before it began, a day other than 01 with month precision",
    "POST /api/v1/actors/": "a slug taken",
    "GET /api/v1/status-changes/": "`process=` naming no process is 400 (DESIGN.md); an "
    "`after` past the store's last position is 400",
    "GET /api/v1/events/": "an `after` past the store's last position is 400",
    "GET /api/v1/agreements/": "`process=` naming no process is 400, as for status changes",
    "GET /api/v1/processes/{ref}/agreements/": "a query parameter holding a NUL character or a "
    "lone surrogate (text the schema allows and no database can store) is 400",
    "GET /api/v1/processes/{ref}/status/": "an `as_of` after tomorrow, a `known_at` after now: "
    "a status is not told for a date still to come, nor as known at a time still to come",
    "POST /api/v1/webhooks/": "a URL that is a URI but not one Django's URL validator takes "
    "(`digests:unsubscribe`), a URL whose host is or resolves to a private address, a process "
    "slug no process has",
}


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    return [op.ok() for op in schema.get_all_operations()]


# The WSGI handler's request signals close a connection whose autocommit a request left
# changed, as in production; a test case's transaction is one: only a transactional test
# database survives them.
@LONG
@pytest.mark.django_db(transaction=True)
def test_generated_requests_get_no_5xx_and_conform(editor, geneva):
    token = key_for(editor)
    # The WSGI transport hands back the bytes as sent: no gzip (it would not decode it).
    headers = {"Authorization": f"Token {token}", "Accept-Encoding": "identity"}
    sent: dict[str, int] = {}
    failures: list[str] = []
    for operation in operations():
        for mode in MODES:
            label = f"{operation.method.upper()} {operation.path} ({mode.value})"
            try:
                drive(operation, mode, label, headers, sent)
            except Unsatisfiable:
                # Nothing about the request can be made invalid (no parameter, no body).
                assert mode == GenerationMode.NEGATIVE, label
            except (Exception, BaseExceptionGroup) as e:  # collect every failure, then report all
                failures.append(f"{label}: {str(e)[:1500]}")
    print(f"R4: {sum(sent.values())} generated requests over {len(sent)} operations: {sent}")
    assert not failures, "\n\n".join(failures)
    assert sum(sent.values()) >= scale(1000, 150), sent


def drive(operation, mode, label, headers, sent):
    """Send EXAMPLES generated requests for one operation and check each response."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case):
        if "ref" in (case.path_parameters or {}) and sent.get(label, 0) % 2 == 0:
            # Aim half of the generated path parameters at a real process.
            case.path_parameters = {**case.path_parameters, "ref": "intra-syrian-talks-geneva"}
        sent[label] = sent.get(label, 0) + 1
        operation_label = label.rpartition(" (")[0]
        if case.query and "min_position" in case.query:
            # Every read takes it; a generated one is past the store's end, a 400
            # position_unknown the schema cannot foresee: 0, the store's start, is always met.
            case.query = {**case.query, "min_position": 0}
        excluded = [positive_data_acceptance] if operation_label in ACCEPTED_REFUSALS else []
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    run()
