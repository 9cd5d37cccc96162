"""Opening a mediation tells its parties and its mediator, and nobody else."""

import pytest

from coop.models import Notice, NoticeKind
from governance import services
from governance.models import Body

pytestmark = pytest.mark.django_db


def test_parties_and_mediator_hear_of_the_mediation(board, owners):
    services.mediation_open(
        title="Shift dispute",
        parties=owners[:2],
        mediator=owners[2],
        escalation_body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE),
        actor=board,
        reason="referred",
    )
    notices = Notice.objects.filter(kind=NoticeKind.MEDIATION)
    assert set(notices.values_list("recipient_id", flat=True)) == {o.pk for o in owners[:3]}
    assert notices.get(recipient=owners[0]).subject == "A mediation needs you: Shift dispute"
