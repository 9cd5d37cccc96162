"""The admin offers an action only to the roles its service lets act: the Auditor, who reads
every motion, is not shown "Close and count" or "Certify", and a forged POST is still refused."""

from django.contrib.admin import site
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import RequestFactory
from django.urls import reverse

from finance.models import PayrollRun, RateAdjustmentProposal
from governance.models import Motion
from tests.factories import governance as gf

BOARD_ONLY = ["open_votes", "close_votes", "certify_results"]


def _offered(client) -> str:
    response = client.get(reverse("admin:governance_motion_changelist"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_auditor_is_not_offered_opening_closing_or_certifying(auditor_client, owners):
    gf.motion(proposer=owners[0])
    page = _offered(auditor_client)
    for name in BOARD_ONLY:
        assert f'value="{name}"' not in page
    assert "Close and count" not in page
    assert "Certify the result" not in page


def test_operations_is_not_offered_them_either(operations_client, owners):
    gf.motion(proposer=owners[0])
    page = _offered(operations_client)
    for name in BOARD_ONLY:
        assert f'value="{name}"' not in page


def test_the_board_is_offered_all_three(board_client, owners):
    gf.motion(proposer=owners[0])
    page = _offered(board_client)
    for name in BOARD_ONLY:
        assert f'value="{name}"' in page


def test_a_forged_close_from_the_auditor_changes_nothing(auditor_client, owners, board):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    response = auditor_client.post(
        reverse("admin:governance_motion_changelist"),
        {"action": "close_votes", ACTION_CHECKBOX_NAME: [motion.pk], "confirm": "yes", "reason": "try"},
    )
    assert response.status_code == 403  # no action is offered to the Auditor here: a POST is refused
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN


def _actions(admin_class_model, user) -> set[str]:
    request = RequestFactory().get("/")
    request.user = user
    return set(site._registry[admin_class_model].get_actions(request))


def test_payroll_review_is_offered_to_operations_and_approval_to_the_board(board_user, operations_user):
    board, operations = _actions(PayrollRun, board_user), _actions(PayrollRun, operations_user)
    assert "approve_runs" in board and "review_runs" not in board
    assert "review_runs" in operations and "approve_runs" not in operations
    assert "post_runs" in board and "post_runs" in operations


def test_rate_proposals_are_approved_by_the_board_only(board_user, operations_user, auditor_user):
    assert {"approve_proposals", "reject_proposals"} <= _actions(RateAdjustmentProposal, board_user)
    assert not {"approve_proposals", "reject_proposals"} & _actions(RateAdjustmentProposal, operations_user)
    assert not _actions(Motion, auditor_user) & set(BOARD_ONLY)
