"""The trustee's own tool, run as its command line is, with files: each trustee makes a box key,
deals and checks from the file their page gives, and decrypts after the close; what it writes is
uploaded through the services, and the decrypted counts are right."""

import json

import pytest

from governance import services
from governance.models import EncryptedElection
from governance.selectors.encrypted import trustee_file
from secret_ballot.group import random_scalar
from secret_ballot.trustee import main
from secret_ballot.trustees import seal_share
from tests.factories import governance as gf

from . import world


def _public_key(capsys) -> str:
    return capsys.readouterr().out.strip().rsplit(" ", 1)[-1]


def _election_file(tmp_path, trustee) -> str:
    path = tmp_path / f"election-{trustee.index}.json"
    path.write_text(json.dumps(trustee_file(trustee)))
    return str(path)


def _fresh(path):
    path.unlink(missing_ok=True)
    return str(path)


def _ceremony(tmp_path, capsys, election, board) -> dict:
    """Every trustee runs keygen, registers the key, then deals; returns each one's key file."""
    keys = {}
    for trustee in election.trustees.order_by("index"):
        keys[trustee.index] = str(tmp_path / f"box-key-{trustee.index}.json")
        assert main(["keygen", "--out", keys[trustee.index]]) == 0
        services.trustee_register_key(
            trustee=trustee, box_key=_public_key(capsys), actor=world.acting_for(trustee, board), reason="test"
        )
    for trustee in election.trustees.order_by("index"):
        out = tmp_path / f"dealing-{trustee.index}.json"
        args = ["deal", "--election", _election_file(tmp_path, trustee), "--box-key", keys[trustee.index]]
        assert main([*args, "--out", str(out)]) == 0
        upload = json.loads(out.read_text())
        services.trustee_publish_dealing(
            trustee=trustee, actor=world.acting_for(trustee, board), reason="test", **upload
        )
    return keys


def test_a_ceremony_and_a_decryption_with_the_tool_count_the_votes(tmp_path, capsys, board, owners, trustees):
    motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    keys = _ceremony(tmp_path, capsys, election, board)
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.READY
    capsys.readouterr()
    for trustee in election.trustees.all():
        assert main(["check", "--election", _election_file(tmp_path, trustee), "--box-key", keys[trustee.index]]) == 0
        assert capsys.readouterr().out.startswith("OK")
    gf.open_motion(motion, board=board)
    election.refresh_from_db()
    for owner, marks in zip(owners[1:4], ([1, 0], [1, 0], [0, 1]), strict=True):
        world.cast(motion, election, owner, marks)
    services.motion_close(motion=motion, actor=board, reason="close")
    for trustee in election.trustees.filter(index__in=(1, 3)):
        out = tmp_path / f"decryption-{trustee.index}.json"
        args = ["decrypt", "--election", _election_file(tmp_path, trustee), "--box-key", keys[trustee.index]]
        assert main([*args, "--out", str(out)]) == 0
        services.trustee_decrypt(
            trustee=trustee, decryption=json.loads(out.read_text()), actor=world.acting_for(trustee, board), reason="t"
        )
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.DECRYPTED
    assert election.counts == [[2 * election.weight_scale, 1 * election.weight_scale]]


def test_check_names_the_dealer_of_a_tampered_share(tmp_path, capsys, board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    keys = _ceremony(tmp_path, capsys, election, board)
    recipient = election.trustees.get(index=1)
    # trustee 2's share for trustee 1 is replaced by another number, sealed to trustee 1's box key as
    # anyone can: it opens and names the right dealer, but it does not match trustee 2's commitments
    data = trustee_file(recipient)
    forged = seal_share(election.election_id, 2, 1, random_scalar(), bytes.fromhex(recipient.box_key))
    data["sealed_shares"]["2"] = forged.hex()
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data))
    assert main(["check", "--election", str(path), "--box-key", keys[1]]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "trustee 2" in error and "\n" not in error.strip()


def test_a_missing_file_is_one_clean_line(tmp_path, capsys):
    missing = tmp_path / "nowhere.json"
    key = tmp_path / "box-key.json"
    assert main(["keygen", "--out", str(key)]) == 0
    capsys.readouterr()
    assert main(["deal", "--election", str(missing), "--box-key", str(key), "--out", _fresh(tmp_path / "d")]) == 1
    assert capsys.readouterr().err == f"error: {missing}: no such file\n"


def test_keygen_refuses_to_overwrite_a_key(tmp_path, capsys):
    key = tmp_path / "box-key.json"
    assert main(["keygen", "--out", str(key)]) == 0
    before = key.read_text()
    assert len(_public_key(capsys)) == 64
    assert main(["keygen", "--out", str(key)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert key.read_text() == before


@pytest.mark.parametrize("step", ["deal", "check"])
def test_a_box_key_other_than_the_registered_one_is_refused(tmp_path, capsys, board, owners, trustees, step):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    world.register_keys(election, board)
    other = str(tmp_path / "other.json")
    main(["keygen", "--out", other])
    args = [step, "--election", _election_file(tmp_path, election.trustees.get(index=1)), "--box-key", other]
    assert main(args + (["--out", str(tmp_path / "x.json")] if step == "deal" else [])) == 1
    assert "not the one registered for you" in capsys.readouterr().err
