"""Members move applicant → provisional owner → owner, and to suspended or departed, only as allowed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from coop.roles import Role, has_role
from membership import services
from membership.models import Member
from tests.factories.coop import UserFactory, role_officer
from tests.factories.membership import member_create, policy_set


def test_admission_makes_a_provisional_owner_with_the_member_role(cooperative, board_user):
    # Given an applicant without any role
    member = member_create(status=Member.Status.APPLICANT, on=date(2026, 1, 1))
    assert not has_role(member.user, Role.MEMBER)
    # When the Board admits them
    member = services.member_admit(member=member, actor=board_user, reason="Interviewed", on=date(2026, 1, 5))
    # Then they are a provisional owner since that day, hold the Member role, and history names who and why
    member.user._coop_roles = None
    assert member.status == Member.Status.PROVISIONAL
    assert member.provisional_since == date(2026, 1, 5)
    assert has_role(member.user, Role.MEMBER)
    latest = member.history.first()
    assert latest.history_user == board_user and latest.history_change_reason == "Interviewed"


def test_second_membership_for_the_same_person_is_refused(cooperative):
    member = member_create(status=Member.Status.APPLICANT)
    with pytest.raises(ValidationError) as error:
        services.member_apply(user=member.user, legal_name="Again", actor=role_officer(), reason="x")
    assert "one person, one membership" in str(error.value.message_dict["user"])
    assert Member.objects.filter(user=member.user).count() == 1


def test_the_database_refuses_a_second_membership_too(cooperative):
    member = member_create(status=Member.Status.APPLICANT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(user=member.user, legal_name="Twin", applied_on=date.today())


def test_member_has_no_organisation_owner_field():
    names = {f.name for f in Member._meta.get_fields()}
    assert not {"organisation", "organization", "company", "owner_type"} & names
    assert Member._meta.get_field("user").one_to_one


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (Member.Status.APPLICANT, services.member_promote),
        (Member.Status.OWNER, services.member_admit),
        (Member.Status.DEPARTED, services.member_admit),
        (Member.Status.APPLICANT, services.member_suspend),
    ],
)
def test_a_transition_that_is_not_allowed_names_the_rule_and_writes_nothing(cooperative, status, service):
    member = member_create(status=status)
    before = member.history.count()
    with pytest.raises(ValidationError) as error:
        service(member=member, actor=role_officer(), reason="try")
    assert "cannot go from" in error.value.message_dict["status"][0]
    member.refresh_from_db()
    assert member.status == status and member.history.count() == before


def test_suspension_and_reinstatement_return_to_the_previous_status(cooperative):
    member = member_create(status=Member.Status.OWNER)
    member = services.member_suspend(member=member, actor=role_officer(), reason="Conduct review")
    assert member.status == Member.Status.SUSPENDED and member.suspended_from == Member.Status.OWNER
    member = services.member_reinstate(member=member, actor=role_officer(), reason="Review closed")
    assert member.status == Member.Status.OWNER and member.suspended_on is None


def test_departure_redeems_every_share_and_is_final(cooperative):
    member = member_create(status=Member.Status.OWNER, shares=4)
    member = services.member_depart(member=member, actor=role_officer(), reason="Moved away")
    assert member.status == Member.Status.DEPARTED and member.share_balance == 0
    assert member.share_transactions.filter(kind="redemption", quantity=4).exists()
    with pytest.raises(ValidationError):
        services.member_reinstate(member=member, actor=role_officer(), reason="x")


def test_a_change_without_a_reason_is_refused(cooperative):
    member = member_create(status=Member.Status.APPLICANT)
    with pytest.raises(ValidationError) as error:
        services.member_admit(member=member, actor=role_officer(), reason="  ")
    assert "reason" in error.value.message_dict
    member.refresh_from_db()
    assert member.status == Member.Status.APPLICANT


def test_provisional_owners_are_promoted_when_their_period_ends(cooperative):
    policy_set("provisional_period_days", 30)
    today = date(2026, 6, 1)
    due = member_create(status=Member.Status.PROVISIONAL, on=today - timedelta(days=30))
    early = member_create(status=Member.Status.PROVISIONAL, on=today - timedelta(days=29))
    promoted = services.members_promote_due(actor=None, reason="Period ended", today=today)
    assert [m.pk for m in promoted] == [due.pk]
    due.refresh_from_db()
    early.refresh_from_db()
    assert due.status == Member.Status.OWNER and due.owner_since == today
    assert early.status == Member.Status.PROVISIONAL


def test_the_management_command_promotes_too(cooperative):
    member = member_create(status=Member.Status.PROVISIONAL, on=date(2020, 1, 1))
    call_command("promote_provisional_owners")
    member.refresh_from_db()
    assert member.status == Member.Status.OWNER


def test_the_periodic_task_promotes_too(cooperative):
    from membership.tasks import members_promote_due_task

    member = member_create(status=Member.Status.PROVISIONAL, on=date(2020, 1, 1))
    assert members_promote_due_task.delay().get() == 1
    member.refresh_from_db()
    assert member.status == Member.Status.OWNER


def test_contact_details_change_but_status_does_not_through_update(cooperative):
    member = member_create(status=Member.Status.OWNER)
    member = services.member_update(member=member, actor=role_officer(), reason="Moved", phone="555-0100")
    assert member.phone == "555-0100"
    with pytest.raises(ValidationError) as error:
        services.member_update(member=member, actor=role_officer(), reason="x", status="applicant")
    assert "status" in error.value.message_dict


def test_applying_needs_a_legal_name(cooperative):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.member_apply(user=user, legal_name="", actor=role_officer(), reason="x")
    assert "legal_name" in error.value.message_dict
