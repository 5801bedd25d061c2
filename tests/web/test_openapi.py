"""schemathesis against the app's own OpenAPI description: no input gives a server error.

Bounded to a few examples per operation so the suite stays fast.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from tests.report.hostile import hostile_store
from zopa.model import load_builtin
from zopa.web import create_app

_store, _doc = hostile_store("sqlite://")
# The small built-in keeps each generated what-if cheap.
app = create_app(_store, scenarios={"tiny": load_builtin("tiny")}, max_upload=4096)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_server_error(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
