"""The first run: a page and a command that work only while no cooperative exists."""

import pytest
from django.core.management import CommandError, call_command

from coop.models import Cooperative, User
from founding import services
from founding.models import Convenership, SetupToken
from tests.factories import founding as f


def test_root_and_portal_lead_to_setup_on_an_empty_database(client, db):
    assert client.get("/").url == "/setup/"
    assert client.get("/setup/").status_code == 200


def test_setup_page_is_not_found_once_the_cooperative_exists(client, db):
    f.setup()
    # When anyone posts the setup form again
    response = client.post("/setup/", {"name": "Second", "jurisdiction": "X", "unit": "money"})
    # Then it is not found and nothing is written
    assert response.status_code == 404
    assert Cooperative.objects.get().name == "Riverside Builders"


def test_second_setup_through_the_service_is_refused_and_writes_nothing(db):
    f.setup()
    users = User.objects.count()
    with pytest.raises(Exception, match="already run"):
        f.setup("carla@founders.coop")
    assert User.objects.count() == users


def test_a_bad_convener_email_writes_nothing(client, db):
    response = client.post(
        "/setup/",
        {
            "token": services.setup_token_issue(),
            "name": "Co",
            "jurisdiction": "Oregon",
            "unit": "money",
            "currency_code": "USD",
            "email": "ana@x.coop",
            "first_name": "Ana",
            "last_name": "R",
            "password": "a-long-founding-password",
            "other_conveners": "not-an-email",
        },
    )
    assert response.status_code == 200
    assert "not a valid email address" in response.content.decode()
    assert not Cooperative.objects.exists() and not User.objects.exists()
    # the token was not spent by the refused setup
    assert SetupToken.objects.count() == 1


def test_command_sets_up_without_questions_and_refuses_a_second_run(db):
    call_command(
        "setup_cooperative",
        "--no-input",
        "--name=Co-op",
        "--jurisdiction=Oregon",
        "--unit=points",
        "--convener=ana@founders.coop,Ana,Ruiz",
        "--convener=ben@founders.coop",
    )
    assert Cooperative.objects.get().unit == "points"
    assert Convenership.objects.active().count() == 2
    with pytest.raises(CommandError, match="already run"):
        call_command(
            "setup_cooperative",
            "--no-input",
            "--name=Again",
            "--jurisdiction=X",
            "--unit=money",
            "--convener=c@founders.coop",
        )
    assert Cooperative.objects.get().name == "Co-op"


def test_command_prompts_for_what_is_missing(db, monkeypatch):
    answers = iter(["Prompted Co-op", "Oregon", "money", "USD", "ana@founders.coop, Ana, Ruiz", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a-long-founding-password")
    call_command("setup_cooperative")
    assert User.objects.get(email="ana@founders.coop").check_password("a-long-founding-password")


def test_setup_proposes_the_bylaws_and_plan_for_the_founding_vote(db):
    from coop.models import GoverningDocument

    f.setup()
    bylaws = GoverningDocument.objects.get(kind="bylaws")
    assert bylaws.current_version is None and bylaws.versions.get().status == "proposed"
    assert GoverningDocument.objects.get(kind="master_staffing_agreement").current_version is not None
