"""The manager is a guardian object permission, given and taken by Operations."""

import pytest
from django.core.exceptions import ValidationError

from coop.roles import Role
from projects import selectors, services
from projects.models import ManagerAppointment
from tests.factories.coop import UserFactory, role_officer


def test_assign_and_remove_manager_grant(project, operations_user):
    person = UserFactory(roles=["Member"])
    services.project_manager_assign(project=project, user=person, actor=operations_user, reason="Elected by the team")
    assert person.has_perm("projects.manage_project", project)
    assert selectors.is_team_member(person, project)
    services.project_manager_remove(project=project, user=person, actor=operations_user, reason="Term ended")
    person = type(person).objects.get(pk=person.pk)  # guardian caches grants per user object
    assert not person.has_perm("projects.manage_project", project)
    appointment = ManagerAppointment.objects.get(user=person)
    assert appointment.ended_at is not None
    assert appointment.history.first().history_change_reason == "Term ended"


def test_removing_someone_who_is_not_manager_is_refused(project):
    with pytest.raises(ValidationError) as error:
        services.project_manager_remove(
            project=project, user=UserFactory(), actor=role_officer(Role.OPERATIONS), reason="x"
        )
    assert "user" in error.value.message_dict
