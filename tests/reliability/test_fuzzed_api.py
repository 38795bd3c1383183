"""R4: schemathesis generates requests from our own OpenAPI schema and sends them through the
real Django stack, authenticated as an editor: no 5xx, and every response conforms to the
schema that documents it.

Each operation is driven by Hypothesis directly (schemathesis' own pytest plugin does not
load under pytest 9)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from tests.reliability.conftest import scale
from tracker.wsgi import application

EXAMPLES = scale(120, 25)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    return [op.ok() for op in schema.get_all_operations()]


# The WSGI handler closes the database connection after each request, as in production:
# only a transactional test database survives that.
@pytest.mark.django_db(transaction=True)
def test_generated_requests_get_no_5xx_and_conform(editor, geneva):
    token = Token.objects.get_or_create(user=editor)[0].key
    headers = {"Authorization": f"Token {token}"}
    sent: dict[str, int] = {}
    failures: list[str] = []
    for operation in operations():
        label = f"{operation.method.upper()} {operation.path}"
        try:
            drive(operation, label, headers, sent)
        except Exception as e:  # collect every operation's failure, then report them all
            failures.append(f"{label}: {str(e)[:1500]}")
    print(f"R4: {sum(sent.values())} generated requests over {len(sent)} operations: {sent}")
    assert not failures, "\n\n".join(failures)
    assert sum(sent.values()) >= scale(1000, 150), sent


def drive(operation, label, headers, sent):
    """Send EXAMPLES generated requests for one operation and check each response."""

    @given(case=operation.as_strategy())
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
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
