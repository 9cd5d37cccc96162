from django.contrib.auth.models import Group, Permission

from coop.roles import Role, permissions_for, sync_roles


def test_every_role_exists_as_a_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_auditor_may_view_every_domain_model_and_its_history_but_change_nothing(db):
    codenames = set(Group.objects.get(name="Auditor").permissions.values_list("codename", flat=True))
    assert {"view_cooperative", "view_historicalcooperative", "view_policynumber", "view_user"} <= codenames
    assert all(code.startswith("view_") for code in codenames)


def test_member_holds_no_model_permission(db):
    assert Group.objects.get(name="Member").permissions.count() == 0


def test_a_permission_added_by_hand_is_undone_by_the_next_sync(db):
    # given an officer added a permission through the admin
    operations = Group.objects.get(name="Operations")
    operations.permissions.add(Permission.objects.get(codename="change_cooperative"))
    # when the roles are synced
    sync_roles()
    # then the group holds exactly what the code says
    assert set(operations.permissions.all()) == set(permissions_for(Role.OPERATIONS))


def test_sync_is_idempotent(db):
    first = sync_roles()
    assert sync_roles() == first
