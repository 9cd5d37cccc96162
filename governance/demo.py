"""The demo cooperative's governance: past elections with officers in office, the CEO appointed,
a certified policy change, a bylaw amendment adopted by motion, an open vote for the demo
member, a secret vote, and the annual General Conference called for next month.

Idempotent: each motion is found by its title before anything is created.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.models import DocumentVersion

from . import demo_encrypted, services
from .models import AgendaItem, Body, Meeting, Motion, Office, OfficeTerm

# The labels are written in the active language (`seed_demo --language`); motions are found by
# their title in that language.
REASON = gettext_lazy("Demo cooperative")
# The Secretary is elected first: a convener certifies that founding election, the Secretary the rest.
OFFICERS = [
    (Office.Kind.SECRETARY, "secretary@demo.coop", "chen.wei@demo.coop"),
    (Office.Kind.PRESIDENT, "president@demo.coop", "amara.diallo@demo.coop"),
    (Office.Kind.TREASURER, "treasurer@demo.coop", "dana.kowalski@demo.coop"),
    (Office.Kind.DIRECTOR, "director@demo.coop", "elif.yilmaz@demo.coop"),
]
OPEN_VOTE = gettext_lazy("Adopt a four-day work week trial")
SECRET_VOTE = gettext_lazy("Choose the cooperative's workshop: the harbour site")
POLICY_VOTE = gettext_lazy("Raise club-phase dues to 30 points")
AMENDMENT_VOTE = gettext_lazy("Amend the Bylaws: remote votes stay open at least three days")
ANNUAL_MEETING = gettext_lazy("Annual General Conference")


def _voters(context, count: int | None = None) -> list:
    roll = [e for e in context.users if e not in {"member@demo.coop", "auditor@demo.coop"}]
    return [context.users[e] for e in roll[:count]]


def _decide(motion: Motion, context, picks, certifier) -> None:
    """Open, vote by `picks(voter) -> marks`, close and certify `motion`."""
    services.motion_open(
        motion=motion, actor=context.actor, reason=str(REASON), closes_at=timezone.now() + timedelta(days=7)
    )
    roll = set(motion.roll.values_list("voter_id", flat=True))
    for voter in _voters(context):
        if voter.pk in roll:
            services.ballot_cast(motion=motion, cast_by=voter, marks=picks(voter))
    services.motion_close(motion=motion, actor=context.actor, reason=str(REASON))
    services.motion_certify(motion=motion, actor=certifier, reason=str(REASON))


def _propose(context, body, title, **kwargs) -> Motion | None:
    title = str(title)
    if Motion.objects.filter(title=title).exists():
        return None
    return services.motion_propose(
        body=body,
        title=title,
        proposer=context.users["president@demo.coop"],
        actor=context.actor,
        reason=str(REASON),
        **kwargs,
    )


def _elections(context, general) -> None:
    for kind, winner, runner_up in OFFICERS:
        office = Office.objects.get(kind=kind)
        motion = _propose(
            context,
            general,
            _("Founding election: %(office)s") % {"office": office.title},
            kind=Motion.Kind.ELECTION,
            method=Motion.Method.PLURALITY,
            office=office,
            seats=1,
        )
        if motion is None:
            continue
        for email in (winner, runner_up):
            choice = services.nomination_submit(
                motion=motion, candidate=context.users[email], actor=context.actor, reason=str(REASON)
            )
            if choice.consent != choice.Consent.ACCEPTED:
                # Standing is the nominee's choice (they accept); the demo's nominees all do.
                services.nomination_answer(choice=choice, accept=True, actor=context.users[email], reason=str(REASON))
        first = motion.choices.get(candidate=context.users[winner]).pk
        second = motion.choices.get(candidate=context.users[runner_up]).pk
        secretary = OfficeTerm.objects.active().filter(office__kind=Office.Kind.SECRETARY).first()
        certifier = secretary.holder if secretary else context.users["treasurer@demo.coop"]
        _decide(motion, context, lambda v, a=first, b=second: [a if v.pk % 4 else b], certifier)


def seed(context) -> None:
    bodies = services.bodies_ensure(actor=context.actor, reason=str(REASON))
    general = bodies[Body.Kind.GENERAL_CONFERENCE]
    _elections(context, general)
    secretary = context.users["secretary@demo.coop"]
    ceo_office = Office.objects.get(kind=Office.Kind.CEO)
    if not ceo_office.terms.active().exists():
        services.office_appoint(
            office=ceo_office,
            holder=context.users["ceo@demo.coop"],
            actor=context.users["president@demo.coop"],
            reason=str(REASON),
        )

    policy = _propose(
        context, general, POLICY_VOTE, kind=Motion.Kind.POLICY_CHANGE, policy_key="dues_amount", policy_value="30"
    )
    if policy is not None:
        yes, no = (policy.choices.get(meaning=m).pk for m in ("yes", "no"))
        _decide(policy, context, lambda v: [yes if v.pk % 3 else no], secretary)

    # The amendment the documents demo proposed (coop/demo_documents.py) goes to the vote.
    proposed = DocumentVersion.objects.filter(document__slug="bylaws", status=DocumentVersion.Status.PROPOSED).first()
    if proposed is not None and not Motion.objects.filter(title=str(AMENDMENT_VOTE)).exists():
        amendment = _propose(
            context, general, AMENDMENT_VOTE, kind=Motion.Kind.BYLAW_AMENDMENT, document_version=proposed
        )
        yes, no = (amendment.choices.get(meaning=m).pk for m in ("yes", "no"))
        _decide(amendment, context, lambda v: [no if v.pk % 5 == 0 else yes], secretary)

    for title, secret in [(OPEN_VOTE, False), (SECRET_VOTE, True)]:
        motion = _propose(
            context,
            general,
            title,
            kind=Motion.Kind.ORDINARY,
            secret=secret,
            text=_("Discussed at the spring General Conference."),
        )
        if motion is None:
            continue
        services.motion_open(
            motion=motion, actor=context.actor, reason=str(REASON), closes_at=timezone.now() + timedelta(days=10)
        )
        director = context.users["director@demo.coop"]
        services.comment_add(
            motion=motion, author=director, text=_("I support this; let us try it for a season."), actor=director
        )
        yes, no = (motion.choices.get(meaning=m).pk for m in ("yes", "no"))
        roll = set(motion.roll.values_list("voter_id", flat=True))
        for voter in _voters(context, 8):
            if voter.pk in roll:
                services.ballot_cast(motion=motion, cast_by=voter, marks=[yes if voter.pk % 2 else no])
    demo_encrypted.seed(context, general, _voters(context), str(REASON))
    _annual_meeting(context, general)


def _annual_meeting(context, general) -> None:
    """Call next month's annual General Conference, with its reports on the agenda."""
    if Meeting.objects.filter(title=str(ANNUAL_MEETING)).exists():
        return
    president = context.users["president@demo.coop"]
    starts_at = (timezone.now() + timedelta(days=30)).replace(hour=17, minute=0, second=0, microsecond=0)
    meeting = services.meeting_call(
        body=general,
        kind=Meeting.Kind.ANNUAL,
        title=str(ANNUAL_MEETING),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        place=_("The workshop, 12 Harbour Street"),
        video_link="https://meet.example.org/demo-coop-annual",
        actor=president,
        reason=_("The yearly meeting of all owners: reports of the Board and Operations, and the year ahead."),
    )
    for kind, title in [
        (AgendaItem.Kind.REPORT, _("The President's report")),
        (AgendaItem.Kind.REPORT, _("The Treasurer's report")),
        (AgendaItem.Kind.ITEM, _("The year ahead: open discussion")),
    ]:
        services.agenda_item_add(meeting=meeting, kind=kind, title=title, actor=president, reason=str(REASON))
