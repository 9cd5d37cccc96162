"""The Board runs votes from the admin; every governance admin page opens for board and auditor."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from governance.models import Motion
from tests.factories import governance as gf

PAGES = [
    "body",
    "office",
    "officeterm",
    "motion",
    "result",
    "policyadoption",
    "proxy",
    "rollentry",
    "participation",
    "comment",
    "mediationcase",
    "encryptedelection",
    "trustee",
    "sealedshare",
    "encryptedvoter",
    "encryptedballot",
    "partialdecryption",
]


@pytest.mark.parametrize("name", PAGES)
def test_changelist_opens_for_board_and_auditor(board_client, auditor_client, bodies, name):
    url = reverse(f"admin:governance_{name}_changelist")
    assert board_client.get(url).status_code == 200
    assert auditor_client.get(url).status_code == 200


def test_ballots_have_no_admin_page(board_client, auditor_client):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("admin:governance_ballot_changelist")


def _action(client, action, motion, reason=None):
    data = {"action": action, ACTION_CHECKBOX_NAME: [motion.pk]}
    if reason:
        data.update({"confirm": "yes", "reason": reason})
    return client.post(reverse("admin:governance_motion_changelist"), data)


def test_board_opens_closes_and_the_secretary_certifies_from_the_admin(board_client, board_user, owners):
    from django.test import Client

    from governance import services
    from governance.models import Office

    gf.officer(Office.Kind.PRESIDENT, board_user)
    secretary = gf.officer(Office.Kind.SECRETARY)
    motion = gf.motion(proposer=owners[0])
    from datetime import timedelta

    from django.utils import timezone

    services.motion_schedule(
        motion=motion,
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=2),
        actor=board_user,
        reason="plan",
    )
    confirm = _action(board_client, "open_votes", motion)
    assert confirm.status_code == 200 and "reason" in confirm.content.decode()
    _action(board_client, "open_votes", motion, "General Conference opens")
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.OPEN
    for voter in owners:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    page = board_client.get(reverse("admin:governance_motion_changelist")).content.decode()
    roll = sum(entry.weight for entry in motion.roll.all())
    assert f"5 of {roll:.0f} weight" in page  # live turnout: weight, as the quorum counts it
    _action(board_client, "close_votes", motion, "Period over")
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.CLOSED
    _action(board_client, "certify_results", motion, "President tries")
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.CLOSED
    secretary_client = Client()
    secretary_client.force_login(secretary)
    _action(secretary_client, "certify_results", motion, "Count checked")
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.CERTIFIED


def test_board_proposes_a_motion_in_the_admin_with_a_reason(board_client, board_user, bodies):
    response = board_client.post(
        reverse("admin:governance_motion_add") + "?kind=ordinary",
        {
            "body": bodies["general_conference"].pk,
            "title": "Buy tools",
            "text": "",
            "change_reason": "Board agenda",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    motion = Motion.objects.get(title="Buy tools")
    assert motion.history.first().history_change_reason == "Board agenda"


def test_admin_refuses_a_board_policy_change_with_the_rule(board_client, board_user, bodies):
    url = reverse("admin:governance_motion_add") + "?kind=policy_change"
    form = board_client.get(url).context["adminform"].form
    assert list(form.fields["body"].queryset) == [bodies["general_conference"]]  # the Board is not offered
    assert "Only the General Conference" in form.fields["body"].help_text
    response = board_client.post(
        url,
        {
            "body": bodies["board"].pk,
            "title": "Cap",
            "policy_key": "share_cap_count",
            "policy_value": "1",
            "change_reason": "we decide",
        },
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["body"]
    assert not Motion.objects.exists()
