"""Mediation: a mediator holds an object grant on the case; a failed case goes to a secret vote."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm

from coop.audit import acting
from coop.models import NoticeKind
from coop.notices import notices_send
from coop.roles import Role, has_role

from ..models import Body, MediationCase, MediationNote, Motion
from .motions import motion_propose

MEDIATE = "governance.mediate_mediationcase"


def may_read_notes(user, case: MediationCase) -> bool:
    """Parties, the mediator (by object grant) and auditors read the confidential notes."""
    return has_role(user, Role.AUDITOR) or user.has_perm(MEDIATE, case) or case.parties.filter(pk=user.pk).exists()


@transaction.atomic
def mediation_open(*, title: str, parties: list, mediator, escalation_body: Body, actor, reason: str) -> MediationCase:
    """Open a case between `parties` and grant `mediator` the case (a guardian object grant)."""
    if actor is None or not has_role(actor, Role.BOARD):
        raise PermissionDenied(_("The Board opens mediation cases."))
    if len({p.pk for p in parties}) < 2:
        raise ValidationError({"parties": _("A dispute has at least two parties.")})
    if mediator.pk in {p.pk for p in parties}:
        raise ValidationError({"mediator": _("A party cannot mediate their own dispute.")})
    with acting(actor, reason):
        case = MediationCase(title=title, mediator=mediator, escalation_body=escalation_body)
        case.full_clean()
        case.save()
        case.parties.set(parties)
        assign_perm(MEDIATE, mediator, case)
    notices_send(
        [*parties, mediator],
        NoticeKind.MEDIATION,
        lambda: (
            _("A mediation needs you: %(title)s") % {"title": case.title},
            _(
                "The Board opened a mediation, %(title)s, in which you take part; %(mediator)s mediates and "
                "will arrange how you meet. What is said in mediation stays between its parties, the mediator "
                "and the auditors."
            )
            % {"title": case.title, "mediator": mediator.get_full_name() or mediator.email},
        ),
    )
    return case


@transaction.atomic
def mediation_note_add(
    *, case: MediationCase, author, text: str, actor, reason: str = gettext_lazy("Mediation note")
) -> MediationNote:
    """Add `author`'s confidential note to the case; only the parties and the mediator write in it."""
    if not (author.has_perm(MEDIATE, case) or case.parties.filter(pk=author.pk).exists()):
        raise PermissionDenied(_("Only the parties and the mediator write in this case."))
    with acting(actor, reason):
        note = MediationNote(case=case, author=author, text=(text or "").strip())
        note.full_clean()
        note.save()
    return note


@transaction.atomic
def mediation_resolve(*, case: MediationCase, outcome: str, actor, reason: str) -> MediationCase:
    """The mediator records the agreement the parties reached."""
    if actor is None or not actor.has_perm(MEDIATE, case):
        raise PermissionDenied(_("Only the case's mediator records its outcome."))
    with acting(actor, reason):
        case = MediationCase.objects.select_for_update().get(pk=case.pk)
        case.transition_to(MediationCase.Status.RESOLVED)
        case.outcome = (outcome or "").strip()
        if not case.outcome:
            raise ValidationError({"outcome": _("Write the outcome the parties agreed.")})
        case.full_clean()
        case.save()
    return case


@transaction.atomic
def mediation_escalate(*, case: MediationCase, question: str, actor, reason: str) -> MediationCase:
    """Mediation failed: put `question` to the body the bylaws name, by secret ballot."""
    if actor is None or not actor.has_perm(MEDIATE, case):
        raise PermissionDenied(_("Only the case's mediator declares the mediation failed."))
    with acting(actor, reason):
        case = MediationCase.objects.select_for_update(of=("self",)).select_related("escalation_body").get(pk=case.pk)
        case.transition_to(MediationCase.Status.ESCALATED)
        case.outcome = _("Mediation failed; escalated to a secret vote.")
        case.motion = motion_propose(
            body=case.escalation_body,
            kind=Motion.Kind.MEDIATION_ESCALATION,
            title=question[:200],
            text=_("Escalated from the mediation case “%(title)s”.") % {"title": case.title},
            proposer=actor,
            secret=True,
            actor=actor,
            reason=reason,
        )
        case.full_clean()
        case.save()
    return case
