"""An admin action confirms with a reason, then runs each record in its own transaction."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from membership import services
from membership.models import Member
from tests.factories.membership import member_create

URL = "admin:membership_member_changelist"


def _admit(client, members, reason="Board meeting 12"):
    return client.post(
        reverse(URL),
        {"action": "admit", "_selected_action": [m.pk for m in members], "confirm": "yes", "reason": reason},
        follow=True,
    )


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_refused_record_writes_nothing_and_the_others_are_done(board_client):
    # Given an applicant and an owner, both selected
    applicant = member_create(status=Member.Status.APPLICANT)
    owner = member_create(status=Member.Status.OWNER)
    owner_history = owner.history.count()
    # When the Board admits both
    response = _admit(board_client, [applicant, owner])
    # Then the applicant is admitted, the owner is refused with the rule, and nothing of it is written
    applicant.refresh_from_db()
    owner.refresh_from_db()
    assert applicant.status == Member.Status.PROVISIONAL
    assert owner.status == Member.Status.OWNER and owner.history.count() == owner_history
    done, refused = _messages(response)
    assert done == "Admit as provisional owners: 1 done."
    assert refused.startswith(f"{owner}: ") and "cannot go from Owner" in refused


def test_the_reason_is_required(board_client):
    # Given an applicant
    applicant = member_create(status=Member.Status.APPLICANT)
    # When the Board confirms without a reason
    page = _admit(board_client, [applicant], reason="  ").content.decode()
    # Then the confirmation page asks again and nothing changes
    assert "Reason for this change" in page and "This field is required." in page
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.APPLICANT


def test_a_forbidden_officer_gets_403_and_nothing_is_written(board_client, monkeypatch):
    # Given a service that refuses the officer after the first record is done
    admit = services.member_admit
    calls = []

    def refuse_the_second(**kwargs):
        calls.append(kwargs["member"])
        if len(calls) > 1:
            raise PermissionDenied("Only the Secretary may do this.")
        return admit(**kwargs)

    monkeypatch.setattr(services, "member_admit", refuse_the_second)
    first, second = member_create(status=Member.Status.APPLICANT), member_create(status=Member.Status.APPLICANT)
    # When the action runs on both
    response = _admit(board_client, [first, second])
    # Then the answer is a 403, as at every door, and the request's transaction keeps nothing
    assert response.status_code == 403
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Member.Status.APPLICANT, Member.Status.APPLICANT)
