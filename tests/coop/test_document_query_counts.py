"""Document lists run a fixed number of queries whatever the number of documents and versions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.coop import document_create, version_adopt, version_propose


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_documents(start: int, count: int, proposer) -> None:
    for n in range(start, start + count):
        document = document_create(slug=f"policy-{n}", title=f"Policy {n}", text=f"Rule {n}.")
        version_adopt(version_propose(document, f"Rule {n}, amended.", actor=proposer))
        version_propose(document, f"Rule {n}, amended again.", actor=proposer)


@pytest.mark.parametrize(
    ("client_name", "url_name"),
    [
        ("board_client", "admin:coop_governingdocument_changelist"),
        ("board_client", "admin:coop_documentversion_changelist"),
        ("member_client", "document-list"),
        ("member_client", "document-version-list"),
        ("member_client", "portal:document_list"),
    ],
)
def test_document_lists_query_count_is_constant(request, board_user, client_name, url_name):
    client = request.getfixturevalue(client_name)
    url = reverse(url_name)
    _add_documents(0, 2, board_user)
    few = _count(client, url)
    _add_documents(2, 12, board_user)
    assert _count(client, url) == few
