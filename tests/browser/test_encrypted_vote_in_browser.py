"""In a real browser, an encrypted vote from the key ceremony to the verified record: three trustees
hold the key ceremony on their pages (two with their own accounts, the Board relaying an outside
party), each with the files the trustee's own tool writes; voters encrypt
their ballots on the motion page, one challenges a ballot (it opens to the marks chosen, and the
downloaded copy passes `python -m secret_ballot.audit`) and casts a new one, another casts for an
owner whose proxy they hold, at phone width; two of the three
trustees decrypt the totals; the result is the plain count of the same marks; the record
downloaded from the site passes the independent verifier, and fails, naming the check, once one
byte is altered. Screenshots at desktop and phone width go to artifacts/screenshots."""

import json
from decimal import Decimal

import pytest

from coop.roles import Role
from governance import services
from governance.models import EncryptedElection, Office, Result
from secret_ballot.audit import main as audit_main
from secret_ballot.trustee import box_private, deal_for, decryption_for, key_for, new_box_key
from secret_ballot.verify import main as verify_main
from tests.factories import governance as gf
from tests.factories.coop import PASSWORD, UserFactory, cooperative_create

from .conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# What each voter finally casts, by the label they tick; "Abstain" marks neither yes nor no.
CAST = ["No", "Yes", "Yes", "Abstain"]


@pytest.fixture
def vote():
    cooperative_create()
    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    voters = [gf.owner(email=f"voter{i}@example.coop") for i in range(len(CAST))]
    # As the bylaws may name them: the Secretary, an Auditor and an outside party.
    people = [gf.officer(Office.Kind.SECRETARY), UserFactory(roles=[Role.AUDITOR])]
    motion = gf.motion(proposer=voters[0], secret=True)
    return {"motion": motion, "board": board, "voters": voters, "people": people}


def _encrypt_the_vote(page, live_server, vote) -> None:
    """The Board makes the draft motion an encrypted vote on its page, from the motion's page."""
    log_in(page, live_server, vote["board"].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{vote['motion'].pk}/")
    page.get_by_role("link", name="Make this vote encrypted").click()
    for person in vote["people"]:
        page.get_by_label(str(person), exact=True).check()
    page.fill("#id_create-outside_parties", "Outside Audit")
    page.fill("#id_create-threshold", "2")
    page.fill("#id_create-reason", "Bylaws, article 7: the Secretary, an Auditor and an outside party")
    screenshot(page, "encryption-setup-desktop")
    page.get_by_role("button", name="Encrypt the vote").click()
    page.wait_for_selector("h2:has-text('Where the ceremony stands')")
    vote["election"] = EncryptedElection.objects.get(motion=vote["motion"])
    # Who opens each trustee's page: the trustee, or the Board for the outside party.
    vote["acting"] = {t.index: t.user or vote["board"] for t in vote["election"].trustees.select_related("user")}


def _as_trustee(page, live_server, vote, index: int) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, vote["acting"][index].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{vote['motion'].pk}/trustees/{index}/")


def _election_file(page, tmp_path) -> dict:
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the election file").click()
    path = tmp_path / "election.json"
    download.value.save_as(path)
    return json.loads(path.read_text())


def _upload(page, tmp_path, field: str, data: dict, button: str) -> None:
    path = tmp_path / f"{field}.json"
    path.write_text(json.dumps(data))
    page.set_input_files(f"#id_{field}-upload", str(path))
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() == 0, page.inner_text("main")


def _key_ceremony(page, live_server, vote, tmp_path) -> dict[int, bytes]:
    """Each trustee registers a box key from the tool, then deals with the tool's file, then checks
    the shares sealed to them; returns the box keys' private halves, which stay with the trustees."""
    boxes = {}
    for index in (1, 2, 3):
        key_file, public = new_box_key()
        boxes[index] = box_private(key_file)
        _as_trustee(page, live_server, vote, index)
        page.fill("#id_key-box_key", public)
        page.get_by_role("button", name="Register the box key").click()
        page.wait_for_load_state()
    for index in (1, 2, 3):
        _as_trustee(page, live_server, vote, index)
        if index == 3:
            screenshot(page, "trustee-deal-desktop")
        dealing = deal_for(_election_file(page, tmp_path), boxes[index])
        _upload(page, tmp_path, "dealing", dealing, "Publish the dealing")
    for index in (1, 2, 3):
        _as_trustee(page, live_server, vote, index)
        assert key_for(_election_file(page, tmp_path), boxes[index]).index == index
    return boxes


def _motion_page(page, live_server, user, motion) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, user.email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/")
    page.wait_for_selector("#encrypt:not([disabled])")


def _encrypt(page, label: str) -> str:
    page.get_by_label(label, exact=True).check()
    page.click("#encrypt")
    page.wait_for_selector("#sealed:not([hidden])")
    return page.inner_text("#tracking-code")


def _cast(page) -> str:
    shown = page.inner_text("#tracking-code")
    page.click("#cast")
    page.wait_for_selector("h1:has-text('Your encrypted ballot is cast')")
    assert page.inner_text("#tracking-code") == shown
    return shown


def _plain_count(vote) -> dict:
    """The same marks cast in clear in a twin motion: what the encrypted count must equal."""
    twin = gf.motion(proposer=vote["voters"][0], secret=True)
    gf.open_motion(twin, board=vote["board"])
    by_label = dict(twin.choices.values_list("label", "pk"))
    for voter, label in zip(vote["voters"], CAST, strict=True):
        services.ballot_cast(motion=twin, cast_by=voter, marks={by_label[label]: 1})
    services.motion_close(motion=twin, actor=vote["board"], reason="close")
    return _comparable(Result.objects.get(motion=twin))


def _comparable(result: Result) -> dict:
    labels = dict(result.motion.choices.values_list("pk", "label"))
    totals = {labels[int(pk)]: Decimal(weight) for pk, weight in result.totals.items() if Decimal(weight)}
    return {
        "totals": totals,
        "participants": result.participants,
        "cast_weight": result.cast_weight,
        "adopted": result.adopted,
        "quorum_met": result.quorum_met,
    }


def test_an_encrypted_vote_cast_challenged_decrypted_and_verified_in_the_browser(
    page, browser, live_server, vote, tmp_path, capsys
):
    motion, voters = vote["motion"], vote["voters"]
    _encrypt_the_vote(page, live_server, vote)
    boxes = _key_ceremony(page, live_server, vote, tmp_path)
    gf.open_motion(motion, board=vote["board"])

    # The first voter encrypts Yes, challenges that ballot, checks it, then casts No.
    _motion_page(page, live_server, voters[0], motion)
    assert axe_violations(page) == []
    screenshot(page, "encrypted-ballot-desktop")
    challenged_code = _encrypt(page, "Yes")
    screenshot(page, "encrypted-ballot-sealed-desktop")
    page.click("#challenge")
    page.wait_for_selector("#audit:not([hidden])")
    assert page.inner_text("#audit-result") == "The challenged ballot holds: Yes"
    with page.expect_download() as download:
        page.click("#audit-download")
    challenged = tmp_path / "challenged-ballot.json"
    download.value.save_as(challenged)
    assert audit_main([str(challenged)]) == 0
    screenshot(page, "encrypted-ballot-challenged-desktop")
    recast_code = _encrypt(page, CAST[0])
    assert recast_code != challenged_code
    assert _cast(page) == recast_code
    screenshot(page, "encrypted-ballot-receipt-desktop")

    # The others cast from the motion page too; the last voter's ballot is cast by their proxy,
    # at phone width, once the proxy has cast their own.
    services.proxy_grant(grantor=voters[3], holder=voters[2], motion=motion, actor=voters[3], reason="away")
    for voter, label in zip(voters[1:3], CAST[1:3], strict=True):
        _motion_page(page, live_server, voter, motion)
        _encrypt(page, label)
        _cast(page)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    _motion_page(phone, live_server, voters[2], motion)
    assert phone.locator("#encrypt-for option").all_inner_texts() == [f"{voters[3]} (as proxy)"]
    _encrypt(phone, CAST[3])
    screenshot(phone, "encrypted-ballot-sealed-phone")
    last_code = _cast(phone)
    phone.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/board/")
    assert last_code in phone.inner_text("main")
    screenshot(phone, "encrypted-board-phone")
    phone.context.close()

    # The Board closes the vote; trustees 1 and 3 of 3 decrypt the totals on their pages, the
    # outside party's relayed by the Board, one of them at phone width.
    services.motion_close(motion=motion, actor=vote["board"], reason="close")
    for index in (1, 3):
        _as_trustee(page, live_server, vote, index)
        decryption = decryption_for(_election_file(page, tmp_path), boxes[index])
        _upload(page, tmp_path, "decryption", decryption, "Submit the partial decryption")
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    _as_trustee(phone, live_server, vote, 2)
    assert "Nothing waits on you now." in phone.inner_text("main")
    screenshot(phone, "trustee-done-phone")
    phone.context.close()
    assert _comparable(Result.objects.get(motion=motion)) == _plain_count(vote)

    # The record downloaded from the site verifies; one altered byte fails, naming the check.
    page.context.clear_cookies()
    log_in(page, live_server, voters[1].email, PASSWORD)
    page.goto(f"{live_server.url}/portal/governance/motions/{motion.pk}/board/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the election record").click()
    record = tmp_path / "record.json"
    download.value.save_as(record)
    assert verify_main([str(record)]) == 0
    data = record.read_bytes()
    # The first digit of the result's counts: a changed count, still well-formed JSON.
    at = next(i for i in range(data.rindex(b'"counts"'), len(data)) if data[i : i + 1].isdigit())
    altered = tmp_path / "altered.json"
    altered.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    capsys.readouterr()
    assert verify_main([str(altered)]) == 1
    assert capsys.readouterr().out.startswith("verification failed: result: decrypted total for choice 'yes'")
