"""End-to-end verifiable secret votes: the key ceremony, casting an encrypted ballot, and the
trustees' decryption of the weighted totals into the motion's result and the election record.

The server checks every proof it is sent and stores public data only. Whatever `secret_ballot`
refuses is refused here with its message, under the field it came in, and nothing is written.
The motion's opening and closing call `encrypted_phases`.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.queue import enqueue_on_commit
from coop.roles import Role, has_role
from secret_ballot.ballot import check_ballot, ciphertext_from_json
from secret_ballot.board import chain, tracking_code
from secret_ballot.group import VerificationError, parse_point
from secret_ballot.record import (
    assemble,
    dealing_from_json,
    decrypt_totals,
    decryption_context,
    election_hash,
    partials_from_json,
)
from secret_ballot.trustees import check_partial, joint_public_key, verification_key, verify_dealing

from ..models import (
    Choice,
    EncryptedBallot,
    EncryptedElection,
    EncryptedVoter,
    Motion,
    PartialDecryption,
    Participation,
    Result,
    RollEntry,
    SealedShare,
    Trustee,
)
from ..selectors.encrypted import check_trustee_actor
from .ballots import CAST_REASON, _check_open, held_proxy, use_proxy
from .encrypted_phases import ENCRYPTED_METHODS, ballot_choices, election_of, election_roll, manifest_for
from .results import tally_groups

Status = EncryptedElection.Status


def _refused(field: str, error: VerificationError) -> ValidationError:
    return ValidationError({field: _("Refused: %(why)s.") % {"why": error}})


@transaction.atomic
def encrypted_election_create(*, motion: Motion, trustees: list, threshold: int, actor, reason: str):
    """The Board makes a draft yes/no, plurality or approval motion an encrypted vote, held by
    `trustees` (users of the platform, or names of outside parties), any `threshold` of whom
    decrypt its result together. Trustees are numbered 1..n in the order given."""
    if actor is None or not has_role(actor, Role.BOARD):
        raise PermissionDenied(_("Only the Board makes a vote encrypted."))
    with acting(actor, reason):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.status != Motion.Status.DRAFT:
            raise ValidationError({"motion": _("Only a draft motion can become an encrypted vote.")})
        if motion.method not in ENCRYPTED_METHODS:
            raise ValidationError({"motion": _("Encrypted votes are yes/no, plurality or approval votes.")})
        if not motion.secret:
            raise ValidationError({"motion": _("An encrypted vote is a secret vote: make the motion secret first.")})
        if election_of(motion) is not None:
            raise ValidationError({"motion": _("This motion is already an encrypted vote.")})
        people = [t if isinstance(t, str) else t.pk for t in trustees]
        if not trustees or len(set(people)) != len(people):
            raise ValidationError({"trustees": _("Name one or more trustees, each once.")})
        if not 1 <= threshold <= len(trustees):
            raise ValidationError(
                {"threshold": _("Between 1 and %(n)s trustees can be needed to decrypt.") % {"n": len(trustees)}}
            )
        election_id = f"motion-{motion.pk}-{secrets.token_hex(8)}"
        election = EncryptedElection(motion=motion, manifest=manifest_for(motion, election_id), threshold=threshold)
        election.full_clean()
        election.save()
        for index, person in enumerate(trustees, start=1):
            trustee = Trustee(election=election, index=index)
            if isinstance(person, str):
                trustee.name = person
            else:
                trustee.user = person
            trustee.full_clean()
            trustee.save()
    enqueue_on_commit("governance.tasks.notify_key_ceremony", election.pk)
    return election


@transaction.atomic
def encrypted_ceremony_restart(*, motion: Motion, actor, reason: str) -> EncryptedElection:
    """The Board starts the key ceremony again, before the vote opens: when a trustee's tool refused
    a share sealed to them (its dealer erred or cheated), or a trustee lost their box key once
    dealing had begun. Every box key, dealing and sealed share is dropped (the history keeps what
    was published), the election takes a new id, so nothing from the first ceremony can be replayed
    into the second, and the trustees are told to begin again. Same trustees, same threshold."""
    if actor is None or not has_role(actor, Role.BOARD):
        raise PermissionDenied(_("Only the Board starts the key ceremony again."))
    with acting(actor, reason):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        election = election_of(motion, lock=True)
        if election is None:
            raise ValidationError({"motion": _("This motion is not an encrypted vote.")})
        if motion.status not in (Motion.Status.DRAFT, Motion.Status.SCHEDULED):
            raise ValidationError({"motion": _("The key ceremony can start again only before the vote opens.")})
        SealedShare.objects.filter(dealer__election=election).delete()
        for trustee in election.trustees.select_for_update():
            trustee.box_key, trustee.dealing = "", None
            trustee.full_clean()
            trustee.save()
        election.manifest = manifest_for(motion, f"motion-{motion.pk}-{secrets.token_hex(8)}")
        election.public_key = election.election_hash = ""
        election.transition_to(Status.CEREMONY)
        election.full_clean()
        election.save()
    enqueue_on_commit("governance.tasks.notify_key_ceremony", election.pk)
    return election


def _locked(trustee: Trustee, actor, status: str) -> tuple[Trustee, EncryptedElection]:
    """The trustee and its election, locked, once the actor and the election's status are checked."""
    election = EncryptedElection.objects.select_for_update().get(pk=trustee.election_id)
    trustee = Trustee.objects.select_for_update().get(pk=trustee.pk)
    check_trustee_actor(trustee, actor)
    if election.status != status:
        raise ValidationError(
            {"status": _("This encrypted vote is %(status)s.") % {"status": election.get_status_display().lower()}}
        )
    return trustee, election


@transaction.atomic
def trustee_register_key(*, trustee: Trustee, box_key: str, actor, reason: str) -> Trustee:
    """A trustee registers the public half of the box key their shares are sealed to (32 bytes in
    hex); its private half never leaves their device."""
    with acting(actor, reason):
        trustee, election = _locked(trustee, actor, Status.CEREMONY)
        # Dealers seal shares to the box keys registered when they deal: a key changed after the
        # first dealing could not open the shares already sealed to the old one.
        if election.trustees.filter(dealing__isnull=False).exists():
            raise ValidationError({"box_key": _("Dealing has begun: the trustees' box keys are fixed.")})
        try:
            valid = len(bytes.fromhex(box_key)) == 32
        except (TypeError, ValueError):
            valid = False
        if not valid:
            raise ValidationError({"box_key": _("A box key is 32 bytes written in hexadecimal.")})
        trustee.box_key = box_key.lower()
        trustee.full_clean()
        trustee.save()
    return trustee


@transaction.atomic
def trustee_publish_dealing(*, trustee: Trustee, dealing: dict, sealed_shares: dict, actor, reason: str) -> Trustee:
    """A trustee publishes their dealing (commitments and proof) and their shares for every trustee
    (themselves included), each sealed to its recipient's box key: {recipient number: hex}. The
    ceremony completes, and the joint public key is fixed, with the last of the n dealings."""
    with acting(actor, reason):
        trustee, election = _locked(trustee, actor, Status.CEREMONY)
        if trustee.dealing is not None:
            raise ValidationError({"dealing": _("This trustee has already published their dealing.")})
        trustees = list(election.trustees.all())
        if any(not other.box_key for other in trustees):
            raise ValidationError({"dealing": _("Every trustee registers a box key before anyone deals.")})
        what = _("trustee %(index)s") % {"index": trustee.index}
        try:
            if not isinstance(dealing, dict) or dealing.get("dealer") != trustee.index:
                raise VerificationError(
                    _("%(what)s: the dealing is not numbered %(index)s") % {"what": what, "index": trustee.index}
                )
            verify_dealing(dealing_from_json(dealing, what), election.threshold, election.election_id)
        except (ValueError, TypeError) as error:  # VerificationError is a ValueError
            raise _refused("dealing", error) from None
        if not isinstance(sealed_shares, dict) or sorted(map(str, sealed_shares)) != sorted(
            str(t.index) for t in trustees
        ):
            raise ValidationError({"sealed_shares": _("Send one sealed share to each trustee, yourself included.")})
        by_index = {t.index: t for t in trustees}
        for index, sealed in sealed_shares.items():
            if not _is_hex(sealed):
                raise ValidationError({"sealed_shares": _("A sealed share is written in hexadecimal.")})
            SealedShare.objects.create(dealer=trustee, recipient=by_index[int(index)], sealed=sealed.lower())
        trustee.dealing = dealing
        trustee.full_clean()
        trustee.save()
        dealt = [t.dealing if t.pk != trustee.pk else dealing for t in trustees]
        if all(d is not None for d in dealt):
            dealings = [dealing_from_json(d, f"trustee {d['dealer']}") for d in dealt]
            election.public_key = joint_public_key(dealings).hex()
            election.election_hash = election_hash(election.manifest)
            election.transition_to(Status.READY)
            election.full_clean()
            election.save()
    return trustee


def _is_hex(text) -> bool:
    try:
        return isinstance(text, str) and bool(text) and bytes.fromhex(text) is not None
    except ValueError:
        return False


@transaction.atomic
def ballot_cast_encrypted(*, motion: Motion, cast_by, ballot: dict, on_behalf_of=None) -> str:
    """Cast the ballot the voter's browser encrypted: {"voter_id", "answers"} in record form, with
    "election_id" optionally; for `on_behalf_of` when `cast_by` holds their proxy, the ballot
    encrypted for the grantor's voter id. Checked (every point on the group, every proof) before
    anything is written; the participation is written as for a ballot in clear, the ballot goes on
    the board.
    Returns the tracking code. Casting is serialised per election by the lock on its row, which
    the board's hash chain needs; the motion's lock orders it against the close as in `ballot_cast`.
    """
    motion = Motion.objects.get(pk=motion.pk)
    now = timezone.now()
    _check_open(motion, now)
    election = election_of(motion)
    if election is None:
        raise ValidationError({"motion": _("This vote takes ballots in clear, not encrypted ones.")})
    person = on_behalf_of or cast_by
    proxy = held_proxy(motion, cast_by, on_behalf_of, now)
    entry = RollEntry.objects.filter(motion=motion, voter=person).first()
    if entry is None:
        raise ValidationError({"voter": _("This voter is not on the roll frozen when the vote opened.")})
    voter = EncryptedVoter.objects.get(roll_entry=entry)
    if Participation.objects.filter(motion=motion, voter=person).exists():
        raise ValidationError({"ballot": _("A ballot has already been cast for this voter in this vote.")})
    if not isinstance(ballot, dict):
        raise ValidationError({"ballot": _("A ballot is a JSON object.")})
    ballot = dict(ballot)
    if ballot.pop("election_id", election.election_id) != election.election_id:
        raise ValidationError({"ballot": _("This ballot was encrypted for another vote.")})
    if ballot.get("voter_id") != voter.voter_id:
        raise ValidationError({"ballot": _("This ballot was encrypted for another voter, not for you.")})
    try:
        check_ballot(election.manifest, parse_point(election.public_key, "public key"), ballot)
    except VerificationError as error:
        raise _refused("ballot", error) from None
    code = tracking_code(election.election_id, ballot)
    with acting(cast_by, CAST_REASON):
        locked = Motion.objects.select_for_update(no_key=True).get(pk=motion.pk)
        _check_open(locked, timezone.now())
        election = EncryptedElection.objects.select_for_update().get(pk=election.pk)
        last = election.ballots.order_by("-position").first()
        position = last.position + 1 if last else 0
        previous = last.chain_hash if last else election.board_genesis
        participation = Participation(motion=motion, voter=person, cast_by=cast_by, roll_entry=entry, proxy=proxy)
        try:
            with transaction.atomic():
                EncryptedBallot.objects.create(
                    election=election,
                    voter_id=voter.voter_id,
                    ballot=ballot,
                    tracking_code=code,
                    position=position,
                    chain_hash=chain(previous, code),
                )
                participation.save()
        except IntegrityError:
            raise ValidationError({"ballot": _("This ballot has already been cast.")}) from None
        use_proxy(proxy)
    enqueue_on_commit("governance.tasks.notify_ballot_recorded", participation.pk)
    return code


def _check_decryption(election: EncryptedElection, trustee: Trustee, decryption, dealings) -> None:
    """Refuse, naming the trustee, a partial decryption of the wrong shape or whose proofs fail."""
    manifest = election.manifest
    if not isinstance(decryption, dict) or set(decryption) != {"trustee", "shares"}:
        raise VerificationError(_("trustee %(index)s: expected the keys trustee and shares") % {"index": trustee.index})
    if decryption["trustee"] != trustee.index:
        raise VerificationError(
            _("trustee %(index)s: the decryption is numbered %(other)s")
            % {"index": trustee.index, "other": decryption["trustee"]}
        )
    shares = decryption["shares"]
    shape = [len(q["choices"]) for q in manifest["questions"]]
    if not isinstance(shares, list) or [len(row) if isinstance(row, list) else None for row in shares] != shape:
        raise VerificationError(
            _("trustee %(index)s: one share per choice of each question") % {"index": trustee.index}
        )
    key = verification_key(dealings, trustee.index)
    for q, (question, row) in enumerate(zip(manifest["questions"], election.totals, strict=True)):
        for c, total in enumerate(row["ciphertexts"]):
            what = f"share for choice {question['choices'][c]!r} of question {question['id']!r}"
            (partial,) = partials_from_json([decryption], q, c, what)
            check_partial(
                partial,
                key,
                ciphertext_from_json(total, "total", allow_identity=True),
                decryption_context(election.election_id, question["id"], c, trustee.index),
            )


@transaction.atomic
def trustee_decrypt(*, trustee: Trustee, decryption: dict, actor, reason: str) -> PartialDecryption:
    """A trustee submits their partial decryption of every encrypted total, each with its proof.
    With the `threshold`-th valid one, the totals are decrypted, the motion's result is stored
    through the same count as a vote in clear, and the election record is assembled."""
    with acting(actor, reason):
        trustee, election = _locked(trustee, actor, Status.CLOSED)
        if PartialDecryption.objects.filter(trustee=trustee).exists():
            raise ValidationError({"decryption": _("This trustee has already decrypted.")})
        trustees = list(election.trustees.order_by("index"))
        dealings = [dealing_from_json(t.dealing, f"trustee {t.index}") for t in trustees]
        try:
            _check_decryption(election, trustee, decryption, dealings)
        except (ValueError, KeyError, TypeError) as error:  # VerificationError is a ValueError
            raise _refused("decryption", error) from None
        share = PartialDecryption.objects.create(trustee=trustee, decryption=decryption)
        decryptions = list(
            PartialDecryption.objects.filter(trustee__election=election)
            .order_by("trustee__index")
            .values_list("decryption", flat=True)
        )
        if len(decryptions) >= election.threshold:
            _decrypt(election, trustees, dealings, decryptions)
    return share


def _decrypt(election: EncryptedElection, trustees, dealings, decryptions) -> None:
    manifest = election.manifest
    roll = election_roll(election)
    totals = [
        [ciphertext_from_json(c, "total", allow_identity=True) for c in row["ciphertexts"]] for row in election.totals
    ]
    counts = decrypt_totals(manifest, roll, dealings, election.threshold, totals, decryptions)
    ballots = [
        {**ballot, "tracking_code": code}
        for ballot, code in election.ballots.order_by("position").values_list("ballot", "tracking_code")
    ]
    board = [
        {"tracking_code": code, "hash": chained}
        for code, chained in election.ballots.order_by("position").values_list("tracking_code", "chain_hash")
    ]
    election.counts = counts
    election.record = assemble(
        manifest,
        roll,
        election.threshold,
        dealings,
        parse_point(election.public_key, "public key"),
        ballots,
        board,
        totals,
        decryptions,
        counts,
    )
    election.transition_to(Status.DECRYPTED)
    election.full_clean()
    election.save()
    _store_result(election, counts[0])


def _store_result(election: EncryptedElection, counts: list[int]) -> Result:
    """The motion's result from the decrypted counts, through the count of a vote in clear: each
    choice's weight is one group (the frozen weight: the count over the weight scale)."""
    motion = election.motion
    scale = Decimal(election.weight_scale)
    choices = ballot_choices(motion)
    groups = [((choice.pk,), Decimal(n) / scale) for choice, n in zip(choices, counts, strict=True) if n]
    cast = Participation.objects.filter(motion=motion).aggregate(n=Count("id"), weight=Sum("roll_entry__weight"))
    cast_weight = cast["weight"] or Decimal(0)
    if motion.method == Motion.Method.YES_NO:
        # Marking neither yes nor no is the abstention: the weight that took part and marked neither.
        abstained = cast_weight - sum((weight for _marks, weight in groups), Decimal(0))
        if abstained:
            groups.append(((motion.choices.get(meaning=Choice.Meaning.ABSTAIN).pk,), abstained))
    result = Result(
        motion=motion,
        tallied_at=timezone.now(),
        **tally_groups(motion, groups, participants=cast["n"], cast_weight=cast_weight),
    )
    result.full_clean()
    result.save()
    return result
