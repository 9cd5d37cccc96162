"""The first visitor does not found the cooperative: the setup page needs the one-time token that
only the person running the server sees, on the console or from `manage.py setup_token`."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coop.models import Cooperative, GoverningDocument, User
from founding.models import Convenership, SetupToken

FORM = {
    "name": "Riverside Builders",
    "jurisdiction": "Oregon",
    "unit": "money",
    "currency_code": "USD",
    "email": "ana@founders.coop",
    "first_name": "Ana",
    "last_name": "Ruiz",
    "password": "a-long-founding-password",
}


def _token_from_command(*args) -> str:
    out = StringIO()
    call_command("setup_token", *args, stdout=out)
    return re.search(r"/setup/\?token=(\S+)", out.getvalue()).group(1)


def _nothing_written():
    return (Cooperative.objects.count(), User.objects.count(), Convenership.objects.count()) == (0, 0, 0) and (
        not GoverningDocument.objects.exists()
    )


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_setup_without_the_right_token_is_refused_and_writes_nothing(client, db, token):
    _token_from_command()
    data = FORM if token is None else {**FORM, "token": token}
    response = client.post("/setup/", data)
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert _nothing_written()


def test_setup_with_the_token_from_the_command_founds_the_cooperative(client, db):
    token = _token_from_command()
    # the link the command prints fills the token in
    assert token in client.get(f"/setup/?token={token}").content.decode()
    response = client.post("/setup/", {**FORM, "token": token})
    assert response.status_code == 302
    assert Cooperative.objects.get().name == "Riverside Builders"
    assert Convenership.objects.active().count() == 1


def test_the_token_is_spent_by_setup(client, db):
    token = _token_from_command()
    client.post("/setup/", {**FORM, "token": token})
    assert not SetupToken.objects.exists()
    assert client.post("/setup/", {**FORM, "token": token, "name": "Second"}).status_code == 404
    assert Cooperative.objects.get().name == "Riverside Builders"


def test_a_new_token_replaces_the_old_one(client, db):
    old = _token_from_command()
    new = _token_from_command()
    client.post("/setup/", {**FORM, "token": old})
    assert _nothing_written()
    assert client.post("/setup/", {**FORM, "token": new}).status_code == 302


def test_the_first_visit_issues_a_token_only_the_console_shows(client, db, caplog):
    with caplog.at_level("WARNING", logger="founding.setup"):
        page = client.get("/setup/").content.decode()
    (token,) = re.findall(r"/setup/\?token=(\S+)", caplog.text)
    assert token not in page
    # a second visit issues no other token
    client.get("/setup/")
    assert SetupToken.objects.count() == 1
    # the stored value is a digest, not the token
    assert token not in SetupToken.objects.get().digest


def test_wrong_tokens_are_rate_limited(client, db):
    token = _token_from_command()
    for _attempt in range(10):
        client.post("/setup/", {**FORM, "token": "wrong"})
    response = client.post("/setup/", {**FORM, "token": token})
    assert "Too many" in str(response.context["form"].errors["token"])
    assert _nothing_written()


def test_the_command_refuses_once_set_up_and_if_needed_stays_quiet(client, db):
    client.post("/setup/", {**FORM, "token": _token_from_command()})
    with pytest.raises(CommandError, match="already run"):
        call_command("setup_token", stdout=StringIO())
    out = StringIO()
    call_command("setup_token", "--if-needed", stdout=out)
    assert out.getvalue() == ""
    assert not SetupToken.objects.exists()


def test_the_operators_command_needs_no_token(db):
    call_command(
        "setup_cooperative",
        "--no-input",
        "--name=Co",
        "--jurisdiction=Oregon",
        "--unit=money",
        "--convener=ana@founders.coop,Ana,Ruiz",
    )
    assert Cooperative.objects.exists()
