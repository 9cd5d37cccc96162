"""Encrypted votes, read: the public board, the election record, a voter's own tracking code, and
what a trustee's own tool reads (`trustee_file`), with who may act for a trustee."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coop.roles import Role, has_role

from ..models import (
    EncryptedBallot,
    EncryptedElection,
    EncryptedVoter,
    Motion,
    PartialDecryption,
    Participation,
    SealedShare,
    Trustee,
)


def election_summary(motion: Motion) -> EncryptedElection | None:
    """The motion's encrypted election for a page, or None for a vote in clear: without its JSON
    documents (the record alone holds every ballot), with `has_record` saying whether the record is
    published."""
    published = ExpressionWrapper(Q(record__isnull=False), output_field=BooleanField())
    elections = EncryptedElection.objects.filter(motion=motion).defer("manifest", "totals", "counts", "record")
    return elections.annotate(has_record=published).first()


def public_board(election: EncryptedElection) -> list[dict]:
    """The board in casting order: each ballot's position, tracking code and chain hash, which
    anyone may read while the vote is open (they say nothing of the choices)."""
    return [
        {"position": row["position"], "tracking_code": row["tracking_code"], "hash": row["chain_hash"]}
        for row in board_page(election)
    ]


def board_page(election: EncryptedElection) -> QuerySet:
    """The board in casting order as rows of position, tracking code and chain hash, to page
    through: a board holds one row per ballot."""
    rows = EncryptedBallot.objects.filter(election=election).order_by("position")
    return rows.values("position", "tracking_code", "chain_hash")


def election_record(election: EncryptedElection) -> dict | None:
    """The election record as a dict (write it with `secret_ballot.record.canonical_json`), or None
    until the trustees have decrypted the result."""
    return EncryptedElection.objects.filter(pk=election.pk).values_list("record", flat=True).get()


def my_tracking_code(motion: Motion, user) -> str | None:
    """The tracking code of the ballot `user` cast in `motion`, or None: shown to them alone, so
    they can find their ballot on the board."""
    mine = EncryptedVoter.objects.filter(election__motion=motion, roll_entry__voter=user).values("voter_id")
    ballots = EncryptedBallot.objects.filter(election__motion=motion, voter_id__in=mine)
    return ballots.values_list("tracking_code", flat=True).first()


def ballot_setup(motion: Motion, user, grantors=()) -> dict | None:
    """What the voter's browser needs to encrypt a ballot in `motion`: the election description,
    the public key, the choices' labels, and the opaque voter id of each person `user` may still
    cast for (themselves, then each of `grantors`, owners whose proxy they hold), with
    `on_behalf_of` None for themselves. None unless the vote is encrypted and open and someone is
    left to cast for."""
    if motion.status != Motion.Status.OPEN:
        return None
    people = [user.pk, *(grantor.pk for grantor in grantors)]
    voted = Participation.objects.filter(motion=motion).values("voter_id")
    rows = list(
        EncryptedVoter.objects.filter(election__motion=motion, roll_entry__voter__in=people)
        .exclude(roll_entry__voter__in=voted)
        .values("voter_id", "roll_entry__voter_id", "election__manifest", "election__public_key")
    )
    if not rows:
        return None
    rows.sort(key=lambda row: people.index(row["roll_entry__voter_id"]))
    manifest = rows[0]["election__manifest"]
    (question,) = manifest["questions"]
    labels = question["choices"]
    # A yes/no manifest names its choices by meaning; the voter reads the motion's own labels.
    if motion.method == Motion.Method.YES_NO:
        label_of = dict(motion.choices.values_list("meaning", "label"))
        labels = [label_of[meaning] for meaning in labels]
    return {
        "manifest": manifest,
        "public_key": rows[0]["election__public_key"],
        "voters": [
            {
                "voter_id": row["voter_id"],
                "on_behalf_of": None if row["roll_entry__voter_id"] == user.pk else row["roll_entry__voter_id"],
            }
            for row in rows
        ],
        "choices": [{"index": i, "label": label} for i, label in enumerate(labels)],
        "method": motion.method,
    }


def check_trustee_actor(trustee: Trustee, actor) -> None:
    """Refuse anyone but the trustee's own user, or the Board for a trustee who is an outside party:
    the rule for the trustee's page, its file, and every service a trustee acts through."""
    # An outside party has no account: the Board relays what they send.
    if actor is None or not (actor.pk == trustee.user_id if trustee.user_id else has_role(actor, Role.BOARD)):
        raise PermissionDenied(
            _("Only trustee %(index)s acts for themselves here (the Board relays an outside party).")
            % {"index": trustee.index}
        )


def ceremony_trustees(election: EncryptedElection) -> list[Trustee]:
    """The election's trustees in order, each with its user and with `dealt` and `decrypted` saying
    how far it has gone, in one query (the dealings themselves are left out)."""
    decrypted = Exists(PartialDecryption.objects.filter(trustee=OuterRef("pk")))
    dealt = ExpressionWrapper(Q(dealing__isnull=False), output_field=BooleanField())
    rows = Trustee.objects.filter(election=election).select_related("user").defer("dealing")
    return list(rows.annotate(dealt=dealt, decrypted=decrypted).order_by("index"))


def trustee_file(trustee: Trustee) -> dict:
    """What the trustee's own tool reads (`python -m secret_ballot.trustee`): the election's id and
    threshold, the trustee's number, every trustee's box key, the dealings published so far, the
    shares sealed to this trustee by dealer, and once the vote is closed its description and
    encrypted totals. Public data, and shares only this trustee can open."""
    election = EncryptedElection.objects.get(pk=trustee.election_id)
    trustees = list(election.trustees.order_by("index").values("index", "box_key", "dealing"))
    sealed = SealedShare.objects.filter(recipient=trustee).values_list("dealer__index", "sealed")
    data = {
        "election_id": election.election_id,
        "threshold": election.threshold,
        "trustee": trustee.index,
        "trustees": [{"index": t["index"], "box_key": t["box_key"]} for t in trustees],
        "dealings": [t["dealing"] for t in trustees if t["dealing"] is not None],
        "sealed_shares": {str(dealer): hex_text for dealer, hex_text in sealed.order_by("dealer__index")},
    }
    if election.status in (EncryptedElection.Status.CLOSED, EncryptedElection.Status.DECRYPTED):
        data |= {"manifest": election.manifest, "totals": election.totals}
    return data


def trustee_for(actor, motion_id: int, index: int) -> Trustee:
    """Trustee `index` of the encrypted vote on motion `motion_id`, with its election and motion,
    for `actor` who acts for it (`check_trustee_actor`): 404 if there is none. A draft motion's
    trustees see it here before it is published: they hold its key."""
    documents = ("manifest", "totals", "counts", "record")
    rows = Trustee.objects.select_related("election__motion", "user").defer(
        "dealing", *(f"election__{name}" for name in documents)
    )
    trustee = get_object_or_404(rows, election__motion_id=motion_id, index=index)
    check_trustee_actor(trustee, actor)
    return trustee


def trustee_pages_for(motion: Motion, user) -> list[Trustee]:
    """The motion's trustees whose page `user` may open: their own, and for the Board every outside
    party's. In one query; empty for a vote in clear."""
    mine = Q(user=user)
    if has_role(user, Role.BOARD):
        mine |= Q(user__isnull=True)
    return list(Trustee.objects.filter(mine, election__motion=motion).only("index", "name", "user").order_by("index"))


def motion_for_encryption(user, motion_id: int) -> Motion:
    """Motion `motion_id` for the Board's page that makes it an encrypted vote and runs its key
    ceremony's restart: the Board sets votes up; anyone else 403."""
    if not has_role(user, Role.BOARD):
        raise PermissionDenied(_("The Board sets up encrypted votes; this page is the Board's."))
    return get_object_or_404(Motion, pk=motion_id)


def trustee_candidates() -> QuerySet:
    """The accounts the Board may name trustee, by name: the officers, Operations and the auditors,
    a short list however large the membership (anyone else stands as an outside party)."""
    User = get_user_model()
    roles = [Role.BOARD.value, Role.OPERATIONS.value, Role.AUDITOR.value]
    inside = User.objects.filter(groups__name__in=roles).values("pk")
    return User.objects.filter(pk__in=inside, is_active=True).order_by("last_name", "first_name", "email")
