"""Schemathesis drives every operation of /api/schema/ as each role, through Django's WSGI app:
no answer is a server error, and every answer matches the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

# Enough to reach every operation's validation paths in a few seconds; the suite stays fast.
EXAMPLES = 2
ROLES = ["anonymous", "Member", "Operations", "Board", "Auditor"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests sent straight to the WSGI app end with Django closing the database connection,
    which on PostgreSQL would end the test's own transaction; Django's test Client avoids this
    the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def role_headers(board_user, operations_user, member_user, auditor_user) -> dict[str, dict[str, str]]:
    users = {"Board": board_user, "Operations": operations_user, "Member": member_user, "Auditor": auditor_user}
    headers = {"anonymous": {}}
    for role, user in users.items():
        headers[role] = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    return headers


@pytest.mark.parametrize("role", ROLES)
def test_no_operation_fails_or_breaks_the_schema(role, role_headers):
    # given the schema the API publishes, served by the real WSGI application
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case):
            # when the role sends a generated request
            response = case.call(headers=role_headers[role])
            # then no server error and no answer that breaks the schema
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        try:
            call()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:400]}")
    assert not failures, "\n".join(failures)
