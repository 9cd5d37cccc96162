"""Governance factories: owners, officers and motions, all built through the services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from coop import services as coop_services
from coop.models import User
from coop.roles import Role
from coop.selectors import policy_value
from governance import services
from governance.models import Body, Motion, Office, OfficeTerm
from membership import services as membership_services
from membership.selectors import voting_roll
from tests.factories.coop import UserFactory, role_officer

SETUP = "test setup"


def bodies() -> dict[str, Body]:
    return services.bodies_ensure(actor=None, reason=SETUP)


def owner(*, shares: int = 0, provisional: bool = False, email: str | None = None):
    """Return a user who is an owner (or a provisional owner) holding `shares` shares."""
    kwargs = {"email": email} if email else {}
    user = UserFactory(roles=[Role.MEMBER], **kwargs)
    member = membership_services.member_apply(
        user=user, legal_name=user.get_full_name() or user.email, actor=None, reason=SETUP
    )
    member = membership_services.member_admit(member=member, actor=None, reason=SETUP)
    if not provisional:
        membership_services.member_promote(member=member, actor=None, reason=SETUP)
    if shares:
        membership_services.share_purchase(member=member, quantity=shares, actor=role_officer(), reason=SETUP)
    return user


def voting_mode(mode: str) -> None:
    coop_services.policy_number_adopt(key="voting_mode", value=mode, basis="test setup", actor=None, reason=SETUP)


def set_policy(key: str, value) -> None:
    coop_services.policy_number_adopt(key=key, value=str(value), basis="test setup", actor=None, reason=SETUP)


def officer(kind: str, user=None):
    """Seat `user` (a new owner by default) in the first office of `kind` the way the Bylaws fill
    it: a Board office by a General Conference election, an Operations office by the Board's
    appointment."""
    bodies()
    user = user or owner()
    office = Office.objects.filter(kind=kind).first()
    if office.is_appointed:
        services.office_appoint(office=office, holder=user, actor=_board_member_other_than(user), reason=SETUP)
    else:
        _elect(office, user)
        user._coop_roles = None  # the role was granted to the winner as the count read them: read it again
    return user


def _board_member_other_than(user):
    """Return a Board officer other than `user`, else someone else with the Board role, else a new one."""
    officers = OfficeTerm.objects.active().filter(office__body__kind=Body.Kind.BOARD).exclude(holder=user)
    term = officers.select_related("holder").order_by("pk").first()
    if term is not None:
        return term.holder
    others = User.objects.filter(groups__name=Role.BOARD.value, is_active=True).exclude(pk=user.pk).order_by("pk")
    return others.first() or UserFactory(roles=[Role.BOARD])


def _certifier_for(candidate):
    """Return who certifies an election `candidate` stands in: the Secretary, else the President,
    else another Board officer; before the founding election, someone with the Board role."""
    terms = OfficeTerm.objects.active().filter(office__body__kind=Body.Kind.BOARD).exclude(holder=candidate)
    tier = {Office.Kind.SECRETARY: 0, Office.Kind.PRESIDENT: 1}
    ranked = sorted(terms.select_related("office", "holder"), key=lambda t: (tier.get(t.office.kind, 2), t.pk))
    return ranked[0].holder if ranked else _board_member_other_than(candidate)


def _elect(office: Office, candidate) -> Motion:
    """Elect `candidate` alone to `office`: every owner on the roll votes for them."""
    general = bodies()[Body.Kind.GENERAL_CONFERENCE]
    election = services.motion_propose(
        body=general,
        kind=Motion.Kind.ELECTION,
        method=Motion.Method.PLURALITY,
        title=f"Election: {office} ({candidate.email})",
        office=office,
        seats=1,
        proposer=candidate,
        actor=candidate,
        reason=SETUP,
    )
    choice = services.nomination_submit(motion=election, candidate=candidate, actor=candidate, reason=SETUP)
    # Elections are secret (Bylaws 5.2), and a secret vote opens only with enough voters on the roll:
    # owners who vote in this election alone, and leave once it is decided, fill a small roll.
    missing = max(policy_value("secret_ballot_minimum_voters") - voting_roll().count(), 0)
    extras = [owner(shares=1) for _i in range(missing)]
    services.motion_open(motion=election, actor=None, reason=SETUP, closes_at=timezone.now() + timedelta(hours=1))
    for entry in election.roll.select_related("voter"):
        services.ballot_cast(motion=election, cast_by=entry.voter, marks=[choice.pk])
    services.motion_close(motion=election, actor=None, reason=SETUP)
    services.motion_certify(motion=election, actor=_certifier_for(candidate), reason=SETUP)
    for extra in extras:
        membership_services.member_depart(member=extra.membership, actor=role_officer(), reason=SETUP)
    return election


def motion(
    *, proposer, body_kind=Body.Kind.GENERAL_CONFERENCE, kind=Motion.Kind.ORDINARY, title="A motion", **kwargs
) -> Motion:
    body = bodies()[body_kind]
    return services.motion_propose(
        body=body, kind=kind, title=title, proposer=proposer, actor=proposer, reason=SETUP, **kwargs
    )


def open_motion(motion: Motion, *, board, hours: int = 48) -> Motion:
    return services.motion_open(
        motion=motion, actor=board, reason=SETUP, closes_at=timezone.now() + timedelta(hours=hours)
    )


def election(
    *,
    proposer,
    board,
    candidates,
    office_kind=Office.Kind.DIRECTOR,
    method=Motion.Method.PLURALITY,
    seats=None,
    secret=None,
    open_it=True,
    counting_rule=Motion.CountingRule.WIGM_EXACT,
) -> Motion:
    bodies()
    office = Office.objects.get(kind=office_kind)
    m = motion(
        proposer=proposer,
        kind=Motion.Kind.ELECTION,
        method=method,
        office=office,
        seats=seats,
        counting_rule=counting_rule,
        secret=secret,
        title=f"Election: {office}",
    )
    for candidate in candidates:
        choice = services.nomination_submit(motion=m, candidate=candidate, actor=proposer, reason=SETUP)
        if choice.consent != choice.Consent.ACCEPTED:
            services.nomination_answer(choice=choice, accept=True, actor=candidate, reason=SETUP)
    return open_motion(m, board=board) if open_it else m


def choice(motion: Motion, meaning: str):
    return motion.choices.get(meaning=meaning)


def yes(motion: Motion) -> list[int]:
    return [choice(motion, "yes").pk]


def no(motion: Motion) -> list[int]:
    return [choice(motion, "no").pk]


def abstain(motion: Motion) -> list[int]:
    return [choice(motion, "abstain").pk]


def weight(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def decide(motion: Motion, *, board, voters, certifier, vote=yes) -> Motion:
    """Open `motion`, let each of `voters` vote `vote(motion)`, close it and have `certifier` certify it."""
    open_motion(motion, board=board)
    for voter in voters:
        services.ballot_cast(motion=motion, cast_by=voter, marks=vote(motion))
    services.motion_close(motion=motion, actor=board, reason=SETUP)
    services.motion_certify(motion=motion, actor=certifier, reason=SETUP)
    motion.refresh_from_db()
    return motion


def pay_band_motion(*, proposer, role="Builder", minimum="22.00", maximum="44.00", **kwargs) -> Motion:
    return motion(
        proposer=proposer,
        kind=Motion.Kind.PAY_BAND_CHANGE,
        title=f"Pay band: {role}",
        terms={"pay_band_role": role, "pay_band_minimum": Decimal(minimum), "pay_band_maximum": Decimal(maximum)},
        **kwargs,
    )


def meeting(*, board, body_kind=Body.Kind.GENERAL_CONFERENCE, kind="regular", days: int = 30, **kwargs):
    """Call a meeting of `body_kind` `days` from now, for two hours, in a room."""
    starts_at = timezone.now() + timedelta(days=days, minutes=1)
    fields = {"title": "A meeting", "place": "The hall", "ends_at": starts_at + timedelta(hours=2)} | kwargs
    return services.meeting_call(
        body=bodies()[body_kind], kind=kind, starts_at=starts_at, actor=board, reason=SETUP, **fields
    )


def meeting_in_session(*, board, body_kind=Body.Kind.GENERAL_CONFERENCE, **kwargs):
    """Call a meeting starting in a minute under a notice of 0 days, and open it."""
    key = "general_conference_notice_days" if body_kind == Body.Kind.GENERAL_CONFERENCE else "board_meeting_notice_days"
    set_policy(key, 0)
    called = meeting(board=board, body_kind=body_kind, days=0, **kwargs)
    return services.meeting_open(meeting=called, actor=board, reason=SETUP)
