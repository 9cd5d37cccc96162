"""Hierarchy by consent: the forbidden paths, tried through services, admin, portal and API."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coop.models import GoverningDocument, PolicyNumber
from governance import services
from governance.models import Body, Motion, Office, Result
from tests.factories import governance as gf


@pytest.fixture
def documents(cooperative):
    from coop import services as coop_services

    coop_services.documents_install_templates(actor=None, reason="setup")
    return GoverningDocument.objects.get(slug="bylaws")


def _proposed_bylaws(bylaws, author):
    from coop import services as coop_services

    return coop_services.document_version_propose(
        document=bylaws, text=bylaws.current_version.text + "\n\nX.", summary="x", actor=author, reason="setup"
    )


def test_board_cannot_amend_the_bylaws_without_the_general_conference(board, documents):
    version = _proposed_bylaws(documents, board)
    with pytest.raises(ValidationError) as error:
        gf.motion(proposer=board, body_kind=Body.Kind.BOARD, kind=Motion.Kind.BYLAW_AMENDMENT, document_version=version)
    assert "body" in error.value.message_dict
    assert not Motion.objects.exclude(kind=Motion.Kind.ELECTION).exists()  # the officers' elections aside


@pytest.mark.parametrize("kind", [Motion.Kind.POLICY_CHANGE, Motion.Kind.ARTICLES_AMENDMENT])
def test_board_body_cannot_decide_what_constrains_it(board, kind):
    with pytest.raises(ValidationError) as error:
        gf.motion(
            proposer=board, body_kind=Body.Kind.BOARD, kind=kind, policy_key="share_cap_count", policy_value="100"
        )
    assert "body" in error.value.message_dict


def test_amendment_without_a_version_is_refused(board, owners):
    with pytest.raises(ValidationError) as error:
        gf.motion(proposer=owners[0], kind=Motion.Kind.BYLAW_AMENDMENT)
    assert "document_version" in error.value.message_dict


def test_nobody_certifies_a_vote_on_their_own_bonus(board, secretary, owners):
    # given the President's bonus is put to a vote and the Secretary is fine but the President tries
    motion = gf.open_motion(
        gf.motion(
            proposer=owners[0],
            kind=Motion.Kind.POLICY_CHANGE,
            policy_key="president_bonus_payroll_percent",
            policy_value="5",
        ),
        board=board,
    )
    for voter in owners:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    with pytest.raises(PermissionDenied, match="pay of an office you hold"):
        services.motion_certify(motion=motion, actor=board, reason="my bonus")
    assert PolicyNumber.objects.get(key="president_bonus_payroll_percent").value == "1"
    services.motion_certify(motion=motion, actor=secretary, reason="ok")
    assert PolicyNumber.objects.get(key="president_bonus_payroll_percent").value == "5"


def test_secretary_does_not_certify_their_own_election(board, secretary, owners):
    motion = gf.election(
        proposer=owners[0], board=board, candidates=[secretary, owners[1]], office_kind=Office.Kind.SECRETARY
    )
    for voter in owners:
        services.ballot_cast(motion=motion, cast_by=voter, marks=[motion.choices.get(candidate=secretary).pk])
    services.motion_close(motion=motion, actor=board, reason="close")
    with pytest.raises(PermissionDenied, match="You stand in this election"):
        services.motion_certify(motion=motion, actor=secretary, reason="me")
    # the President certifies instead, as the Secretary is conflicted
    services.motion_certify(motion=motion, actor=board, reason="Secretary conflicted")
    assert Result.objects.get(motion=motion).certified_by == board


def test_certification_by_the_wrong_officer_is_refused(board, secretary, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    services.motion_close(motion=motion, actor=board, reason="close")
    for wrong in (owners[0], board):
        with pytest.raises(PermissionDenied, match="Secretary certifies"):
            services.motion_certify(motion=motion, actor=wrong, reason="try")
    assert not Result.objects.get(motion=motion).is_certified


def test_policy_numbers_cannot_be_changed_through_the_admin_or_the_api(board_client, cooperative):
    number = PolicyNumber.objects.get(key="quorum_percent")
    admin = board_client.post(
        reverse("admin:coop_policynumber_change", args=[number.pk]), {"value": "1", "basis": "x", "change_reason": "x"}
    )
    api = board_client.patch(
        reverse("policy-number-detail", args=[number.key]),
        json.dumps({"value": "1", "reason": "x"}),
        content_type="application/json",
    )
    assert admin.status_code == 403 and api.status_code == 405
    assert PolicyNumber.objects.get(pk=number.pk).value == "50"


def test_documents_cannot_be_adopted_through_the_admin_portal_or_api(board_client, member_client, board, documents):
    version = _proposed_bylaws(documents, board)
    attempts = [
        board_client.post(
            reverse("admin:coop_documentversion_change", args=[version.pk]), {"status": "adopted", "change_reason": "x"}
        ),
        board_client.patch(
            reverse("document-version-detail", args=[version.pk]),
            json.dumps({"status": "adopted", "reason": "x"}),
            content_type="application/json",
        ),
    ]
    assert all(r.status_code in {403, 404, 405} for r in attempts), [r.status_code for r in attempts]
    # the portal only reads: a post to the document page changes nothing
    member_client.post(reverse("portal:document_detail", args=[documents.slug]), {"status": "adopted"})
    documents.refresh_from_db()
    assert documents.current_version.pk != version.pk


def test_board_motion_opened_through_the_api_for_a_policy_change_is_refused(board_client, board):
    response = board_client.post(
        reverse("motion-list"),
        json.dumps(
            {
                "body": "board",
                "kind": "policy_change",
                "title": "Lower the share cap",
                "policy_key": "share_cap_count",
                "policy_value": "1",
                "reason": "We decide",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400 and "body" in response.json()
    assert not Motion.objects.exclude(kind=Motion.Kind.ELECTION).exists()


def test_member_cannot_open_close_or_certify(member_client, board, owners):
    motion = gf.motion(proposer=owners[0])
    services.motion_schedule(
        motion=motion,
        opens_at=motion.proposer.date_joined,
        closes_at=motion.proposer.date_joined.replace(year=2100),
        actor=board,
        reason="plan",
    )
    for name in ("open", "close", "certify"):
        response = member_client.post(reverse(f"motion-{name}", args=[motion.pk]), {"reason": "me"})
        assert response.status_code in {400, 403}
    motion.refresh_from_db()
    assert motion.status == Motion.Status.SCHEDULED
