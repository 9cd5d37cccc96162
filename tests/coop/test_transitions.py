"""Every status field moves through the one mixin, which names the refused move and those allowed."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from coop.models import DocumentVersion
from coop.transitions import TransitionsMixin


def test_every_model_with_a_transition_table_uses_the_mixin_and_names_known_statuses():
    tables = [model for model in apps.get_models() if "TRANSITIONS" in vars(model)]
    assert len(tables) >= 19
    for model in tables:
        assert issubclass(model, TransitionsMixin), model
        statuses = set(model.Status.values)
        for status, following in model.TRANSITIONS.items():
            assert status in statuses and set(following) <= statuses, model


def test_an_allowed_move_changes_the_status():
    version = DocumentVersion(status=DocumentVersion.Status.PROPOSED)
    version.transition_to(DocumentVersion.Status.ADOPTED)
    assert version.status == DocumentVersion.Status.ADOPTED


def test_a_refused_move_names_the_record_the_move_and_those_allowed():
    version = DocumentVersion(status=DocumentVersion.Status.ADOPTED)
    with pytest.raises(ValidationError) as error:
        version.transition_to(DocumentVersion.Status.WITHDRAWN)
    assert error.value.message_dict["status"] == [
        "This document version cannot go from Adopted (in force) to Withdrawn; allowed: Superseded."
    ]
    assert version.status == DocumentVersion.Status.ADOPTED


def test_a_closed_record_says_so():
    version = DocumentVersion(status=DocumentVersion.Status.REJECTED)
    with pytest.raises(ValidationError, match=r"allowed: none \(already closed\)"):
        version.transition_to(DocumentVersion.Status.ADOPTED)
