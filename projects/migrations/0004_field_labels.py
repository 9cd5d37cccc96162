# The fields' labels, marked for translation: the migration state only, no SQL.

from django.conf import settings
from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_languages"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RelabelFields(
            labels={
                "historicalmanagerappointment": {"project": "project", "user": "user"},
                "historicalmilestone": {"project": "project"},
                "historicalprojectteammember": {"project": "project", "user": "user"},
                "historicalstaffingassignment": {"need": "need", "user": "user"},
                "historicalstaffingneed": {"project": "project"},
                "historicaltask": {"milestone": "milestone", "parent": "parent", "project": "project"},
                "historicaltaskassignment": {"task": "task", "user": "user"},
                "historicaltaskdependency": {"predecessor": "predecessor", "successor": "successor"},
                "historicaltimeentry": {"task": "task", "user": "user"},
                "managerappointment": {"project": "project", "user": "user"},
                "milestone": {"project": "project"},
                "project": {"team": "team"},
                "projectteammember": {"project": "project", "user": "user"},
                "staffingassignment": {"need": "need", "user": "user"},
                "staffingneed": {"project": "project"},
                "task": {"assignees": "assignees", "milestone": "milestone", "parent": "parent", "project": "project"},
                "taskassignment": {"task": "task", "user": "user"},
                "taskdependency": {"predecessor": "predecessor", "successor": "successor"},
                "timeentry": {"task": "task", "user": "user"},
            },
        ),
    ]
