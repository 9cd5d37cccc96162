"""The register's admin search: any part of a name or email, every word must match, index-backed."""

import importlib
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coop.models import User
from membership import services
from membership.models import Member
from tests.factories.coop import UserFactory, role_officer


def _member(email, first_name, last_name, legal_name):
    user = UserFactory(email=email, first_name=first_name, last_name=last_name)
    return services.member_apply(user=user, legal_name=legal_name, actor=role_officer(), reason="test setup")


@pytest.fixture
def register(cooperative):
    return {
        "mei": _member("mei@riverside.coop", "Mei", "Tanaka", "Mei Tanaka"),
        "jo": _member("jo.baker@example.coop", "Jo", "Baker", "Joanna Okafor-Baker"),
        "sam": _member("sam@example.coop", "Sam", "Okafor", "Samuel Okafor"),
    }


def _found(client, term) -> set[str]:
    response = client.get(reverse("admin:membership_member_changelist"), {"q": term})
    assert response.status_code == 200
    return {member.legal_name for member in response.context["cl"].result_list}


def test_board_finds_a_member_by_any_part_of_legal_name_email_or_account_name(board_client, register):
    assert _found(board_client, "tanak") == {"Mei Tanaka"}
    assert _found(board_client, "RIVERSIDE") == {"Mei Tanaka"}
    assert _found(board_client, "joanna") == {"Joanna Okafor-Baker"}
    assert _found(board_client, "okafor") == {"Joanna Okafor-Baker", "Samuel Okafor"}


def test_every_word_must_match_and_a_quoted_phrase_stays_whole(board_client, register):
    assert _found(board_client, "okafor sam") == {"Samuel Okafor"}
    assert _found(board_client, "okafor nobody") == set()
    assert _found(board_client, '"Okafor-Baker"') == {"Joanna Okafor-Baker"}


def test_operations_searches_account_names_only_never_legal_names_or_emails(operations_client, register):
    assert _found(operations_client, "Baker") == {"Joanna Okafor-Baker"}  # the account's last name
    assert _found(operations_client, "Joanna") == set()  # only in the legal name
    assert _found(operations_client, "riverside") == set()  # only in the email


def test_the_member_picker_elsewhere_in_the_admin_searches_the_same_way(board_client, register):
    response = board_client.get(
        reverse("admin:autocomplete"),
        {"term": "tanaka", "app_label": "membership", "model_name": "sharetransaction", "field_name": "member"},
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(register["mei"].pk)]


def test_a_search_reads_each_table_once_however_many_words(board_client, register):
    def searching(term):
        with CaptureQueriesContext(connection) as queries:
            _found(board_client, term)
        return len(queries)

    assert searching("okafor") == searching("okafor samuel okafor")


_INDEX_MIGRATIONS = [
    ("coop.migrations.0005_account_search_indexes", "create_indexes", "drop_indexes"),
    ("membership.migrations.0004_register_search_index", "create_index", "drop_index"),
]


@pytest.fixture
def trigram_indexes(transactional_db):
    """The suite builds its database from the models, not the migrations: add the indexes as they do.

    The test commits (no wrapping transaction) so that VACUUM, which a transaction cannot hold,
    merges the indexes' pending entries as autovacuum would on a real register.
    """
    migrations = [(importlib.import_module(module), create, drop) for module, create, drop in _INDEX_MIGRATIONS]
    with connection.schema_editor() as editor:
        for migration, create, _drop in migrations:
            getattr(migration, create)(None, editor)
    yield
    with connection.schema_editor() as editor:
        for migration, _create, drop in migrations:
            getattr(migration, drop)(None, editor)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_the_search_is_answered_by_the_trigram_indexes(trigram_indexes, board_client, register):
    # Filler rows, written in bulk rather than through the services: only the planner's statistics
    # need them, so that it weighs the indexes as it would on a real register.
    users = User.objects.bulk_create(
        [User(email=f"filler{i}@example.coop", last_name=f"Filler{i}") for i in range(3000)]
    )
    Member.objects.bulk_create(
        [Member(user=u, legal_name=f"Filler {u.pk}", applied_on=date(2020, 1, 1)) for u in users]
    )
    response = board_client.get(reverse("admin:membership_member_changelist"), {"q": "tanaka"})
    queryset = response.context["cl"].queryset
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE membership_member, coop_user")  # as autovacuum would: GIN pending lists merged
        cursor.execute("SET enable_seqscan = off")  # still a small table: make the planner show its index
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
    assert "member_legal_name_search" in plan
    assert "account_email_search" in plan and "account_last_name_search" in plan
