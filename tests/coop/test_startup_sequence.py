import pytest
from django.core.exceptions import ImproperlyConfigured

from coop import startup
from coop.roles import Role
from tests.factories.coop import UserFactory


def test_new_cooperative_stands_at_server_setup_until_a_convener_has_board_powers(cooperative):
    steps = startup.evaluate(cooperative)
    assert steps[0].key == "server_setup"
    assert steps[0].state == startup.StepState.CURRENT
    UserFactory(roles=[Role.BOARD])
    steps = startup.evaluate(cooperative)
    assert steps[0].state == startup.StepState.DONE
    assert steps[1].state == startup.StepState.CURRENT
    assert "Recruit" in steps[1].needs[0]


def test_the_sequence_is_in_the_seed_order(cooperative):
    titles = [s.title for s in startup.evaluate(cooperative)]
    assert titles == [
        "Server Setup",
        "Recruitment",
        "Elections",
        "Dues",
        "Incorporation",
        "Labor Contracts",
        "Business Plan Implementation",
    ]


def test_only_one_step_is_current(cooperative):
    states = [s.state for s in startup.evaluate(cooperative)]
    assert states.count(startup.StepState.CURRENT) == 1


def test_each_step_has_one_check_and_a_second_registration_is_refused():
    # The dues step belongs to membership; founding and the core no longer register their own
    assert startup._checks["dues"].__module__ == "membership.startup"
    with pytest.raises(ImproperlyConfigured, match="'dues' already has a check"):
        startup.register_check("dues", lambda cooperative: ([], ""))
    assert startup._checks["dues"].__module__ == "membership.startup"
