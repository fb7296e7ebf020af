"""A bounded schemathesis run against the app's own OpenAPI, on SQLite and PostgreSQL (issue 12):
for every API operation, requests the schema calls valid and requests it calls invalid, each
answer checked by schemathesis' checks (no 5xx, status, content type and body as documented,
invalid data refused, valid data accepted …).

One check is replaced, not dropped: `positive_data_acceptance` treats any 4xx to a schema-valid
request as a failure, but some rules span two parameters, or a parameter's value and the data,
and no OpenAPI parameter schema can state them (`to` before `from`; a `cut` on a field the
drilldown does not sum, or with a value not of that field's type). Such a request must get a
422 naming exactly the parameter of one of those rules (`CROSS_PARAMETER_RULES`); any other
4xx than a 404 (an id that names nothing) fails the test as schemathesis would.

Bounded: few examples per operation, derandomized (the same cases on every run), so that each
database takes well under a minute.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from budgetbook.api.app import create_app

with warnings.catch_warnings():  # schemathesis imports starlette's test client, which warns
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.slow  # about 20 s a database

EXAMPLES = 5
# operation -> parameters whose 422 to a schema-valid request is a rule no schema states
CROSS_PARAMETER_RULES: dict[str, set[str]] = {
    "GET /api/timeline": {"to"},  # to before from
    "GET /api/changes": {"to"},  # the same year and phase on both sides
    "GET /api/books/{book_id}/source": {"end"},  # end before start
    "GET /api/aggregate": {"cut"},  # a field the drilldown does not sum, a value of its type
}


def _accepted(label: str, response: Any) -> str | None:
    """Why a schema-valid request's answer is wrong, or None."""
    if response.status_code < 400 or response.status_code == 404:
        return None
    if response.status_code == 422:
        param = response.json().get("parameter")
        if param in CROSS_PARAMETER_RULES.get(label, set()):
            return None
    return f"{label}: schema-valid request answered {response.status_code}: {response.text[:300]}"


def test_schemathesis_finds_no_failure(seeded_engine):
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(seeded_engine))
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 60  # every resource has its list and row operations

    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                response = case.call()
                case.validate_response(response, excluded_checks=[positive_data_acceptance])
                if case.meta.generation.mode.is_positive:
                    problem = _accepted(case.operation.label, response)
                    assert problem is None, problem

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid: an operation without parameters
                assert mode is GenerationMode.NEGATIVE, op.label
            except Exception as exc:  # schemathesis' failures, and ours, reported together
                failures.append(f"{op.label} ({mode.name.lower()}): {str(exc)[:1500]}")
            except BaseExceptionGroup as group:  # schemathesis' FailureGroup
                failures.append(f"{op.label} ({mode.name.lower()}): {str(group)[:1500]}")
    assert not failures, "\n\n".join(failures)
