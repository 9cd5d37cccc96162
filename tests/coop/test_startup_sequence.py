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
