import pytest
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, settings

from coop.roles import Role
from tests.clients import logged_in
from tests.factories.coop import UserFactory, cooperative_create

# Property tests check rules, never time: on a loaded machine Hypothesis's timing checks (a slow
# example, slow generation) would fail the suite for nothing. A test with its own settings names
# `too_slow` itself, as its list replaces this one.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _language_of_the_thread_reset():
    """Each test starts in the default language. A request leaves the language it spoke active in
    the thread (Django's LocaleMiddleware activates and never deactivates, as every Django site
    does), and the next test would otherwise read its strings in Spanish."""
    yield
    translation.deactivate()


@pytest.fixture
def cooperative(db):
    return cooperative_create()


@pytest.fixture
def board_user(cooperative):
    return UserFactory(email="board@example.coop", roles=[Role.BOARD, Role.MEMBER])


@pytest.fixture
def operations_user(cooperative):
    return UserFactory(email="ops@example.coop", roles=[Role.OPERATIONS, Role.MEMBER])


@pytest.fixture
def member_user(cooperative):
    return UserFactory(email="member@example.coop", roles=[Role.MEMBER])


@pytest.fixture
def auditor_user(cooperative):
    return UserFactory(email="auditor@example.coop", roles=[Role.AUDITOR])


@pytest.fixture
def board_client(board_user):
    return logged_in(board_user)


@pytest.fixture
def operations_client(operations_user):
    return logged_in(operations_user)


@pytest.fixture
def member_client(member_user):
    return logged_in(member_user)


@pytest.fixture
def auditor_client(auditor_user):
    return logged_in(auditor_user)


@pytest.fixture
def role_clients(board_client, operations_client, member_client, auditor_client):
    """One logged-in client per role, plus an anonymous one."""
    return {
        "anonymous": Client(),
        "Board": board_client,
        "Operations": operations_client,
        "Member": member_client,
        "Auditor": auditor_client,
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so one test's login throttle never leaks into another."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def project(cooperative, operations_user):
    """An active project run by Operations, with no team yet."""
    from tests.factories.projects import project_create

    return project_create(actor=operations_user)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _ledger_flushable(request):
    """Let a transactional test's database be emptied after it posted journal entries.

    SQLite empties tables with DELETE, which the ledger's finality triggers rightly refuse for
    posted entries; a failed flush would leave rows (and an open transaction) to the next test.
    Lift the triggers just before the flush; its post_migrate signal puts them back. PostgreSQL
    truncates, which fires no row trigger.
    """
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so it is torn down after this
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        from finance import db_triggers

        db_triggers.remove(connection)
