"""The demo leaves an encrypted vote open for `member@demo.coop` to cast in, and its trustees' box
key files where a visitor playing the Secretary or the Treasurer finds them to decrypt it."""

import json

from django.core.management import call_command

from governance import services
from governance.models import EncryptedBallot, EncryptedElection, Motion, Participation, Result, RollEntry
from governance.selectors.encrypted import trustee_file
from secret_ballot.trustee import box_private, decryption_for


def test_the_demo_open_encrypted_vote_can_be_cast_closed_and_decrypted(db, settings, tmp_path):
    # Given the demo, seeded with its trustee key files kept in a folder
    settings.DEMO_TRUSTEE_KEYS_DIR = str(tmp_path)
    call_command("seed_demo", password="pw-for-tests-123")
    election = EncryptedElection.objects.select_related("motion").get(motion__status=Motion.Status.OPEN)
    motion = election.motion
    # then the member can still cast in it, and others have
    assert RollEntry.objects.filter(motion=motion, voter__email="member@demo.coop").exists()
    assert not Participation.objects.filter(motion=motion, voter__email="member@demo.coop").exists()
    assert EncryptedBallot.objects.filter(election=election).count() > 1
    # and one box key file per trustee is in the folder
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == [f"motion-{motion.pk}-trustee-{index}-box-key.json" for index in (1, 2, 3)]
    # When the Board closes it, and the Secretary and the Treasurer decrypt with those files
    president = motion.proposer
    services.motion_close(motion=motion, actor=president, reason="the demo vote is over")
    for trustee in election.trustees.filter(index__in=(1, 2)).select_related("user"):
        key_file = json.loads((tmp_path / f"motion-{motion.pk}-trustee-{trustee.index}-box-key.json").read_text())
        assert trustee.user.email in {"secretary@demo.coop", "treasurer@demo.coop"}
        services.trustee_decrypt(
            trustee=trustee,
            decryption=decryption_for(trustee_file(trustee), box_private(key_file)),
            actor=trustee.user,
            reason="decrypting the demo vote",
        )
    # then the result counts every ballot cast
    result = Result.objects.get(motion=motion)
    assert result.participants == EncryptedBallot.objects.filter(election=election).count()
