"""Founding factories: a cooperative set up from zero, and the founding votes, through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from founding import services
from governance import services as gov
from governance.models import Motion, Office
from membership.models import Member

REASON = "test setup"
PASSWORD = "correct-horse-battery"


def setup(*emails: str, unit: str = "money"):
    """Set up a cooperative whose conveners are `emails` (two by default), each with a password."""
    emails = emails or ("ana@founders.coop", "ben@founders.coop")
    specs = [services.ConvenerSpec(e, e.split("@")[0].title(), "Founder", PASSWORD) for e in emails]
    return services.cooperative_setup(
        name="Riverside Builders", jurisdiction="Oregon, USA", unit=unit, conveners=specs, actor=None, reason=REASON
    )


def shares_for_everyone(quantity: int = 1) -> None:
    """Give each admitted member a share: in the gradual voting mode, a provisional owner's weight is its shares."""
    from membership.services import share_purchase
    from tests.factories.coop import role_officer

    board = role_officer()
    for member in Member.objects.with_rights().filter(share_balance=0):
        share_purchase(member=member, quantity=quantity, actor=board, reason=REASON)


def decide(motion: Motion, *, board, voters, marks_for=None, certifier=None) -> Motion:
    """Open `motion`, let every voter mark it (yes, or `marks_for(motion)`), close it and have
    `certifier` (the Secretary once elected; `board` by default) certify it."""
    motion = gov.motion_open(motion=motion, actor=board, reason=REASON, closes_at=timezone.now() + timedelta(days=2))
    marks = marks_for(motion) if marks_for else [motion.choices.get(meaning="yes").pk]
    for voter in voters:
        gov.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    gov.motion_close(motion=motion, actor=board, reason=REASON)
    gov.motion_certify(motion=motion, actor=certifier or board, reason=REASON)
    motion.refresh_from_db()
    return motion


def elect(office_kind: str, candidate, *, board, voters, certifier=None) -> Motion:
    """Hold the founding election of `office_kind` with one candidate everyone votes for."""
    office = Office.objects.get(kind=office_kind)
    motion = services.founding_election_propose(office=office, actor=board, reason=REASON)
    choice = gov.nomination_submit(motion=motion, candidate=candidate, actor=board, reason=REASON)
    if choice.consent != choice.Consent.ACCEPTED:
        gov.nomination_answer(choice=choice, accept=True, actor=candidate, reason=REASON)  # the nominee consents
    return decide(
        motion,
        board=board,
        voters=voters,
        certifier=certifier,
        marks_for=lambda m: [m.choices.get(candidate=candidate).pk],
    )


def members(count: int, prefix: str = "member"):
    """Admit `count` more provisional owners directly (recruitment itself is tested on its own)."""
    from coop.roles import Role
    from membership import services as membership_services
    from tests.factories.coop import UserFactory

    users = []
    for n in range(count):
        user = UserFactory(email=f"{prefix}{n}@founders.coop", roles=[Role.MEMBER])
        member = membership_services.member_apply(user=user, legal_name=f"Member {n}", actor=None, reason=REASON)
        membership_services.member_admit(member=member, actor=None, reason=REASON)
        users.append(user)
    return users


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def found(board, other_board, voters):
    """Adopt the Bylaws and elect President (`board`), Secretary and Treasurer (`other_board` stays a convener)."""
    decide(services.founding_bylaws_motion_propose(actor=board, reason=REASON), board=board, voters=voters)
    elect(Office.Kind.PRESIDENT, board, board=other_board, voters=voters)
    secretary, treasurer = voters[-1], voters[-2]
    elect(Office.Kind.SECRETARY, secretary, board=board, voters=voters)
    elect(Office.Kind.TREASURER, treasurer, board=board, voters=voters, certifier=_fresh(secretary))
    return secretary, treasurer
