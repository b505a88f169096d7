"""Fuzzing the JSON API with schemathesis, from the app's own OpenAPI document, in-process.

Every operation of /api/v1/openapi.json is called with data generated from its schema, as an
anonymous client, as a delegation's user (Austria) and as the secretariat, on a fresh demo session
each. Each answer must not be a server error, must have a documented status and content type, and
a body that fits the documented schema. Generation is derandomized, so a run is the same every time;
each role's test builds its own demo session, so the tests do not depend on each other's order.
"""

import contextlib
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Per operation, mode and role: about 140 operations keep each role's run near a minute on two cores.
# MEETINGS_FUZZ_EXAMPLES=40 searches deeper (still derandomized: the same cases on every run).
EXAMPLES = int(os.environ.get("MEETINGS_FUZZ_EXAMPLES", "4"))
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


def fuzz(app, headers: dict) -> list[str]:
    """Call every operation with generated data; what went wrong, one line each.

    Without a token, an operation that needs one is called once: it answers 401 whatever the input."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        closed = not headers and operation.definition.raw.get("security") != []
        for mode in MODES[:1] if closed else MODES:
            with contextlib.suppress(Unsatisfiable):  # nothing to make invalid: no parameter, no body
                fuzz_operation(operation, mode, headers, found, 1 if closed else EXAMPLES)
    return found


def strategy(operation, mode):
    """Generated cases; valid ones also start from the document's examples (the demo's first records)."""
    generated = operation.as_strategy(generation_mode=mode)
    if mode is not schemathesis.GenerationMode.POSITIVE:
        return generated
    return st.one_of(*operation.schema.get_strategies_from_examples(operation), generated)


def fuzz_operation(operation, mode, headers: dict, found: list[str], examples: int) -> None:
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=strategy(operation, mode))
    def run(case) -> None:
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (AssertionError, FailureGroup) as exc:
            found.append(f"{operation.method.upper()} {operation.path} ({mode}): {str(exc)[:1500]}")
        except Exception as exc:  # the test app lets a server error's exception through
            found.append(f"{operation.method.upper()} {operation.path} ({mode}): server error {exc!r}"[:1500])

    run()


@pytest.mark.parametrize("who", ["anonymous", "austria", "secretariat"])
def test_every_answer_is_documented_and_no_input_breaks_the_api(app, demo, token_for, who):
    headers = {} if who == "anonymous" else token_for(who)
    found = fuzz(app, headers)
    assert not found, "\n\n".join(found)
