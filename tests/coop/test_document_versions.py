"""Proposing, adopting, withdrawing and rejecting versions; one version in force per document."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coop import services
from coop.models import DocumentVersion
from tests.factories.coop import document_create, role_officer, version_adopt, version_propose

Status = DocumentVersion.Status


def test_proposing_numbers_the_version_and_changes_nothing_in_force(cooperative, board_user):
    # Given a document with version 1 in force
    document = document_create(text="Members meet yearly.")
    # When the Board proposes a new text
    version = version_propose(document, "Members meet twice a year.", actor=board_user)
    # Then it is version 2, proposed, and version 1 stays in force
    assert (version.number, version.status, version.proposed_by) == (2, Status.PROPOSED, board_user)
    assert document.current_version.number == 1


def test_adopting_puts_the_version_in_force_and_supersedes_the_previous(cooperative):
    document = document_create(text="Members meet yearly.")
    version = version_propose(document, "Members meet twice a year.")
    # When governance adopts it
    adopted = services.document_version_adopt(version=version, basis="Motion #12", actor=None, reason="Vote passed")
    # Then it is the one in force and the old one is superseded, with its adoption kept
    assert (adopted.status, adopted.basis) == (Status.ADOPTED, "Motion #12")
    assert adopted.adopted_at is not None
    first = document.versions.get(number=1)
    assert first.status == Status.SUPERSEDED and first.basis == "Motion #1"
    assert document.current_version == adopted


def test_the_database_refuses_a_second_version_in_force(cooperative):
    # Given a document with a version in force and a proposed one
    document = document_create(text="One.")
    proposed = version_propose(document, "Two.")
    # When a write bypasses the service to mark the second one adopted too
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentVersion.objects.filter(pk=proposed.pk).update(
            status=Status.ADOPTED, adopted_at=timezone.now(), basis="forged"
        )
    # Then the database kept one version in force
    assert document.versions.filter(status=Status.ADOPTED).count() == 1


def test_an_adopted_version_needs_a_basis_in_the_database_too(cooperative):
    document = document_create()
    proposed = version_propose(document, "Text.")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentVersion.objects.filter(pk=proposed.pk).update(status=Status.ADOPTED, adopted_at=timezone.now())


def test_adopting_without_a_basis_names_the_field_and_writes_nothing(cooperative):
    document = document_create(text="One.")
    proposed = version_propose(document, "Two.")
    with pytest.raises(ValidationError) as error:
        services.document_version_adopt(version=proposed, basis=" ", actor=None, reason="x")
    assert "basis" in error.value.message_dict
    proposed.refresh_from_db()
    assert proposed.status == Status.PROPOSED
    assert document.current_version.number == 1


@pytest.mark.parametrize("close", [services.document_version_withdraw, services.document_version_reject])
def test_a_closed_proposal_can_no_longer_be_adopted(cooperative, close):
    document = document_create(text="One.")
    proposed = close(version=version_propose(document, "Two."), actor=role_officer(), reason="The motion failed")
    with pytest.raises(ValidationError) as error:
        version_adopt(proposed)
    assert "status" in error.value.message_dict
    assert document.current_version.number == 1


def test_a_version_in_force_cannot_be_withdrawn(cooperative):
    document = document_create(text="One.")
    with pytest.raises(ValidationError) as error:
        services.document_version_withdraw(version=document.current_version, actor=role_officer(), reason="x")
    assert "status" in error.value.message_dict
    assert document.current_version.status == Status.ADOPTED


@pytest.mark.parametrize(("text", "field"), [("   ", "text"), ("One.", "text")])
def test_an_empty_or_unchanged_text_is_refused(cooperative, text, field):
    document = document_create(text="One.")
    with pytest.raises(ValidationError) as error:
        version_propose(document, text)
    assert field in error.value.message_dict
    assert document.versions.count() == 1


def test_a_proposal_without_a_reason_is_refused(cooperative):
    document = document_create(text="One.")
    with pytest.raises(ValidationError) as error:
        services.document_version_propose(document=document, text="Two.", summary="s", actor=None, reason="")
    assert "reason" in error.value.message_dict
    assert document.versions.count() == 1


def test_each_step_is_in_the_history_with_its_reason(cooperative, board_user):
    document = document_create(text="One.")
    version = services.document_version_propose(
        document=document, text="Two.", summary="s", actor=board_user, reason="Members asked for it"
    )
    services.document_version_adopt(version=version, basis="Motion #3", actor=None, reason="Motion #3 passed")
    reasons = list(version.history.order_by("history_date").values_list("history_change_reason", "status"))
    assert reasons == [("Members asked for it", Status.PROPOSED), ("Motion #3 passed", Status.ADOPTED)]
    assert version.history.earliest("history_date").history_user == board_user
