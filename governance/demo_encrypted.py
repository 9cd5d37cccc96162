"""The demo cooperative's encrypted vote, from the trustees' key ceremony to their decryption.

What the trustees do with their tool and the voters' browsers do (box keys, dealings, sealed
shares, ballots, partial decryptions) is done here with `secret_ballot`, so that the demo shows
every table of an encrypted vote filled. Idempotent: the motion is found by its title first.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secret_ballot.ballot import encrypt_ballot
from secret_ballot.group import parse_point
from secret_ballot.trustee import box_private, deal_for, decryption_for, new_box_key

from . import services
from .models import EncryptedVoter, Motion
from .selectors.encrypted import trustee_file

ENCRYPTED_VOTE = gettext_lazy("Buy a second delivery van")
DECIDERS = (1, 3)


def seed(context, general, voters, reason: str) -> None:
    """Propose, encrypt, open, cast by `voters`, close and decrypt the demo's encrypted vote."""
    title = str(ENCRYPTED_VOTE)
    if Motion.objects.filter(title=title).exists():
        return
    president = context.users["president@demo.coop"]
    motion = services.motion_propose(
        body=general,
        kind=Motion.Kind.ORDINARY,
        title=title,
        proposer=president,
        actor=president,
        reason=reason,
        secret=True,
        text=_("Each ballot is encrypted; two of the three trustees decrypt the result."),
    )
    trustees = [context.users["secretary@demo.coop"], context.users["treasurer@demo.coop"], _("The external auditors")]
    election = services.encrypted_election_create(
        motion=motion, trustees=trustees, threshold=2, actor=president, reason=reason
    )
    boxes = _ceremony(election, president, reason)
    services.motion_open(motion=motion, actor=president, reason=reason, closes_at=timezone.now() + timedelta(days=7))
    election.refresh_from_db()
    public_key = parse_point(election.public_key, "public key")
    ids = dict(EncryptedVoter.objects.filter(election=election).values_list("roll_entry__voter_id", "voter_id"))
    for voter in voters:
        if voter.pk in ids:
            marks = {"motion": [1, 0] if voter.pk % 3 else [0, 1]}
            ballot = encrypt_ballot(election.manifest, public_key, ids[voter.pk], marks)[0]
            services.ballot_cast_encrypted(motion=motion, cast_by=voter, ballot=ballot)
    services.motion_close(motion=motion, actor=president, reason=reason)
    for trustee in election.trustees.filter(index__in=DECIDERS):
        services.trustee_decrypt(
            trustee=trustee,
            decryption=decryption_for(trustee_file(trustee), boxes[trustee.index]),
            actor=trustee.user or president,
            reason=reason,
        )


def _ceremony(election, president, reason: str) -> dict[int, bytes]:
    """Each trustee registers a box key, then deals, with the trustee's tool as on their own
    computer; returns the box keys' private halves."""
    trustees = list(election.trustees.order_by("index"))
    boxes = {}
    for trustee in trustees:
        key_file, public = new_box_key()
        boxes[trustee.index] = box_private(key_file)
        services.trustee_register_key(trustee=trustee, box_key=public, actor=trustee.user or president, reason=reason)
    for trustee in trustees:
        dealt = deal_for(trustee_file(trustee), boxes[trustee.index])
        services.trustee_publish_dealing(
            trustee=trustee,
            dealing=dealt["dealing"],
            sealed_shares=dealt["sealed_shares"],
            actor=trustee.user or president,
            reason=reason,
        )
    return boxes
