"""Proposals and adoptions made at the same moment stay consistent (PostgreSQL only: SQLite cannot race)."""

import pytest

from coop.models import DocumentVersion
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories.coop import document_create, version_adopt, version_propose

pytestmark = [pytest.mark.postgres, needs_postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_proposals_get_distinct_numbers(cooperative):
    # Given a document with version 1 in force
    document = document_create(text="One.")
    # When three officers propose at the same moment
    outcomes = race(*[lambda n=n: version_propose(document, f"Text {n}.") for n in range(3)])
    # Then every proposal is written, numbered 2, 3 and 4
    assert verdicts(outcomes) == ["ok"] * 3
    assert sorted(document.versions.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_simultaneous_adoptions_leave_one_version_in_force(cooperative):
    # Given two proposed versions of one document
    document = document_create(text="One.")
    second, third = version_propose(document, "Two."), version_propose(document, "Three.")
    # When both motions pass and adopt at the same moment
    outcomes = race(lambda: version_adopt(second, "Motion #2"), lambda: version_adopt(third, "Motion #3"))
    # Then both adoptions ran one after the other: one version in force, the others superseded
    assert verdicts(outcomes) == ["ok", "ok"]
    statuses = dict(document.versions.values_list("number", "status"))
    assert list(statuses.values()).count(DocumentVersion.Status.ADOPTED) == 1
    assert list(statuses.values()).count(DocumentVersion.Status.SUPERSEDED) == 2
