"""The demo cooperative's encrypted votes: one decided, from the trustees' key ceremony to their
decryption, and one still open, so that `member@demo.coop` can encrypt and cast a ballot. The open
vote's trustees' box key files are written to `DEMO_TRUSTEE_KEYS_DIR`, so that once the Board
closes it, `secretary@demo.coop` and `treasurer@demo.coop` can decrypt it on their trustee pages.

What the trustees do with their tool and the voters' browsers do (box keys, dealings, sealed
shares, ballots, partial decryptions) is done here with `secret_ballot`, so that the demo shows
every table of an encrypted vote filled. Idempotent: each motion is found by its title first.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
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
OPEN_ENCRYPTED_VOTE = gettext_lazy("Join the regional alliance of cooperatives")
DECIDERS = (1, 3)


def seed(context, general, voters, reason: str) -> None:
    """Seed the decided encrypted vote (cast by `voters`, closed, decrypted) and the open one (cast
    by half of them, open for a week)."""
    if not Motion.objects.filter(title=str(ENCRYPTED_VOTE)).exists():
        _decided(context, general, voters, reason)
    if not Motion.objects.filter(title=str(OPEN_ENCRYPTED_VOTE)).exists():
        _still_open(context, general, voters[::2], reason)


def _decided(context, general, voters, reason: str) -> None:
    """Propose, encrypt, open, cast by `voters`, close and decrypt the demo's decided encrypted vote."""
    president = context.users["president@demo.coop"]
    motion, election, boxes = _opened(
        context,
        general,
        str(ENCRYPTED_VOTE),
        _("Each ballot is encrypted; two of the three trustees decrypt the result."),
        reason,
    )
    _cast(motion, election, voters)
    services.motion_close(motion=motion, actor=president, reason=reason)
    for trustee in election.trustees.filter(index__in=DECIDERS):
        services.trustee_decrypt(
            trustee=trustee,
            decryption=decryption_for(trustee_file(trustee), box_private(boxes[trustee.index])),
            actor=trustee.user or president,
            reason=reason,
        )


def _still_open(context, general, voters, reason: str) -> None:
    """Propose, encrypt and open the demo's open encrypted vote, with `voters`' ballots cast."""
    motion, election, boxes = _opened(
        context,
        general,
        str(OPEN_ENCRYPTED_VOTE),
        _(
            "Each ballot is encrypted in the voter's browser; nobody, the server included, can read a "
            "choice. Two of the three trustees decrypt the totals after the close."
        ),
        reason,
    )
    _cast(motion, election, voters)
    if settings.DEMO_TRUSTEE_KEYS_DIR:
        folder = Path(settings.DEMO_TRUSTEE_KEYS_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for index, key_file in boxes.items():
            (folder / f"motion-{motion.pk}-trustee-{index}-box-key.json").write_text(json.dumps(key_file) + "\n")


def _opened(context, general, title: str, text: str, reason: str):
    """Propose a secret motion, make it an encrypted vote held by two of three trustees, hold the
    key ceremony and open it for a week; return the motion, its election and the trustees' box key files."""
    president = context.users["president@demo.coop"]
    motion = services.motion_propose(
        body=general,
        kind=Motion.Kind.ORDINARY,
        title=title,
        proposer=president,
        actor=president,
        reason=reason,
        secret=True,
        text=text,
    )
    trustees = [context.users["secretary@demo.coop"], context.users["treasurer@demo.coop"], _("The external auditors")]
    election = services.encrypted_election_create(
        motion=motion, trustees=trustees, threshold=2, actor=president, reason=reason
    )
    boxes = _ceremony(election, president, reason)
    services.motion_open(motion=motion, actor=president, reason=reason, closes_at=timezone.now() + timedelta(days=7))
    election.refresh_from_db()
    return motion, election, boxes


def _cast(motion, election, voters) -> None:
    """Cast, for each of `voters` on the roll, a ballot encrypted as their browser would."""
    public_key = parse_point(election.public_key, "public key")
    ids = dict(EncryptedVoter.objects.filter(election=election).values_list("roll_entry__voter_id", "voter_id"))
    for voter in voters:
        if voter.pk in ids:
            marks = {"motion": [1, 0] if voter.pk % 3 else [0, 1]}
            ballot = encrypt_ballot(election.manifest, public_key, ids[voter.pk], marks)[0]
            services.ballot_cast_encrypted(motion=motion, cast_by=voter, ballot=ballot)


def _ceremony(election, president, reason: str) -> dict[int, dict]:
    """Each trustee registers a box key, then deals, with the trustee's tool as on their own
    computer; returns the box key files, by trustee index."""
    trustees = list(election.trustees.order_by("index"))
    boxes = {}
    for trustee in trustees:
        boxes[trustee.index], public = new_box_key()
        services.trustee_register_key(trustee=trustee, box_key=public, actor=trustee.user or president, reason=reason)
    for trustee in trustees:
        dealt = deal_for(trustee_file(trustee), box_private(boxes[trustee.index]))
        services.trustee_publish_dealing(
            trustee=trustee,
            dealing=dealt["dealing"],
            sealed_shares=dealt["sealed_shares"],
            actor=trustee.user or president,
            reason=reason,
        )
    return boxes
