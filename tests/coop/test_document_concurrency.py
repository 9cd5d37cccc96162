"""Proposals and adoptions made at the same moment stay consistent (PostgreSQL only: SQLite cannot race)."""

import threading

import pytest
from django.db import connection

from coop.models import DocumentVersion
from tests.factories.coop import document_create, version_adopt, version_propose

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL to race connections"),
    pytest.mark.django_db(transaction=True),
]


def _race(*jobs) -> list[Exception]:
    """Run each job in its own thread and connection, all released together; return their errors."""
    barrier = threading.Barrier(len(jobs))
    errors: list[Exception] = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # collected and asserted on by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_proposals_get_distinct_numbers(cooperative):
    # Given a document with version 1 in force
    document = document_create(text="One.")
    # When three officers propose at the same moment
    errors = _race(*[lambda n=n: version_propose(document, f"Text {n}.") for n in range(3)])
    # Then every proposal is written, numbered 2, 3 and 4
    assert errors == []
    assert sorted(document.versions.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_simultaneous_adoptions_leave_one_version_in_force(cooperative):
    # Given two proposed versions of one document
    document = document_create(text="One.")
    second, third = version_propose(document, "Two."), version_propose(document, "Three.")
    # When both motions pass and adopt at the same moment
    errors = _race(lambda: version_adopt(second, "Motion #2"), lambda: version_adopt(third, "Motion #3"))
    # Then both adoptions ran one after the other: one version in force, the others superseded
    assert errors == []
    statuses = dict(document.versions.values_list("number", "status"))
    assert list(statuses.values()).count(DocumentVersion.Status.ADOPTED) == 1
    assert list(statuses.values()).count(DocumentVersion.Status.SUPERSEDED) == 2
