"""The Board keeps the register in the admin; Auditors read it; Operations sees no personal data."""

from django.urls import reverse

from membership.models import Member, ShareTransaction
from tests.factories.membership import member_create, policy_set


def _action(client, model, action, objs, reason="Board meeting 12"):
    return client.post(
        reverse(f"admin:membership_{model}_changelist"),
        {
            "action": action,
            "_selected_action": [o.pk for o in objs],
            "confirm": "yes",
            "reason": reason,
        },
        follow=True,
    )


def test_board_admits_through_an_action_with_a_reason(board_client, board_user):
    applicant = member_create(status=Member.Status.APPLICANT)
    confirm = board_client.post(
        reverse("admin:membership_member_changelist"), {"action": "admit", "_selected_action": [applicant.pk]}
    )
    assert "Reason for this change" in confirm.content.decode()
    _action(board_client, "member", "admit", [applicant])
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.PROVISIONAL
    assert applicant.history.first().history_change_reason == "Board meeting 12"


def test_a_refused_action_names_the_member_and_the_rule(board_client):
    owner = member_create(status=Member.Status.OWNER)
    response = _action(board_client, "member", "admit", [owner])
    assert "cannot go from Owner" in response.content.decode()


def test_board_issues_shares_and_an_over_cap_purchase_is_refused_with_a_message(board_client):
    policy_set("share_cap_count", 5)
    owner = member_create(shares=4)
    url = reverse("admin:membership_sharetransaction_add")
    ok = board_client.post(url, {"member": owner.pk, "kind": "issue", "quantity": 1, "change_reason": "Paid"})
    assert ok.status_code == 302
    refused = board_client.post(
        url, {"member": owner.pk, "kind": "issue", "quantity": 1, "change_reason": "x"}, follow=True
    )
    assert "Over the share cap" in refused.content.decode()
    owner.refresh_from_db()
    assert owner.share_balance == 5 and ShareTransaction.objects.filter(member=owner).count() == 2


def test_board_sees_each_members_weight_and_why(board_client):
    owner = member_create(shares=2)
    listing = board_client.get(reverse("admin:membership_member_changelist")).content.decode()
    assert "one personal vote" in listing
    detail = board_client.get(reverse("admin:membership_member_change", args=[owner.pk])).content.decode()
    assert "one personal vote" in detail


def test_operations_sees_no_personal_data(operations_client):
    member_create(shares=2, email="private@example.coop", last_name="Zyxwv")
    listing = operations_client.get(reverse("admin:membership_member_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Zyxwv" in html and "private@example.coop" not in html
    assert operations_client.get(reverse("admin:membership_member_export")).status_code == 403


def test_auditor_reads_the_register_and_its_history_but_changes_nothing(auditor_client):
    member = member_create(shares=1)
    assert auditor_client.get(reverse("admin:membership_member_changelist")).status_code == 200
    history = auditor_client.get(reverse("admin:membership_member_history", args=[member.pk]))
    assert history.status_code == 200 and "test setup" in history.content.decode()
    _action(auditor_client, "member", "suspend", [member])
    member.refresh_from_db()
    assert member.status == Member.Status.OWNER


def test_every_membership_changelist_opens_for_the_board(board_client):
    member_create(shares=1)
    for model in (
        "member",
        "sharetransaction",
        "sharerequest",
        "duesschedule",
        "duescharge",
        "duespayment",
        "duesreminder",
    ):
        assert board_client.get(reverse(f"admin:membership_{model}_changelist")).status_code == 200, model


def test_share_request_approval_through_the_admin(board_client):
    from membership import services

    member = member_create()
    request = services.share_request_submit(member=member, kind="purchase", quantity=2, actor=member.user, reason="x")
    _action(board_client, "sharerequest", "approve", [request])
    request.refresh_from_db()
    assert request.status == "approved"
    member.refresh_from_db()
    assert member.share_balance == 2
