"""A signed-in account's roles are read in the same query as the account, on every page, and a
role granted or removed shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coop import services
from coop.roles import Role
from tests.clients import logged_in
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, [query["sql"] for query in captured.captured_queries]


def test_the_account_and_its_roles_come_in_one_query(member_user):
    client = logged_in(member_user)
    response, queries = _queries(client, "/portal/")
    assert response.status_code == 200
    # no query of its own on the groups: they come as the account's annotations
    assert not [sql for sql in queries if sql.startswith('SELECT "auth_group"')], "\n".join(queries)
    assert any("holds_role_member" in sql for sql in queries if sql.startswith('SELECT "coop_user"'))
    assert response.context["roles"] == ["Member"]


def test_a_role_granted_shows_on_the_next_request(board_user):
    # Given someone who is not yet of the cooperative: the home sends them to the outsider's page
    person = UserFactory(email="newcomer@example.coop", roles=[])
    client = logged_in(person)
    assert "portal/outsider.html" in [t.name for t in client.get("/portal/").templates]
    # When the Board grants them a role
    services.role_grant(user=person, role=Role.AUDITOR, actor=board_user, reason="Elected auditor")
    # Then their next request reads it with the account
    response = client.get("/portal/")
    assert response.context["roles"] == ["Auditor"]
