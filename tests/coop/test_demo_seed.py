from django.core.management import call_command

from coop.models import Cooperative, PolicyNumber, User
from coop.roles import Role, has_role


def test_seed_demo_twice_duplicates_nothing(db):
    call_command("seed_demo", password="pw-for-tests-123")
    counts = (User.objects.count(), PolicyNumber.objects.count(), User.history.count())
    call_command("seed_demo", password="pw-for-tests-123")
    assert (User.objects.count(), PolicyNumber.objects.count(), User.history.count()) == counts
    assert Cooperative.objects.get().unit == Cooperative.Unit.POINTS
    assert 28 <= User.objects.count() <= 35


def test_demo_logins_hold_their_roles(db):
    call_command("seed_demo", password="pw-for-tests-123")
    expected = {
        "president@demo.coop": Role.BOARD,
        "ceo@demo.coop": Role.OPERATIONS,
        "member@demo.coop": Role.MEMBER,
        "auditor@demo.coop": Role.AUDITOR,
    }
    for email, role in expected.items():
        user = User.objects.get(email=email)
        assert has_role(user, role)
        assert user.check_password("pw-for-tests-123")
