from django.core.management import call_command

from projects import selectors
from projects.models import Project, Task, TaskDependency


def test_demo_projects_are_seeded_once_with_a_critical_path(db):
    call_command("seed_demo", password="pw-for-tests-123")
    counts = (Project.objects.count(), Task.objects.count(), TaskDependency.objects.count(), Task.history.count())
    call_command("seed_demo", password="pw-for-tests-123")
    assert (
        Project.objects.count(),
        Task.objects.count(),
        TaskDependency.objects.count(),
        Task.history.count(),
    ) == counts
    tower = Project.objects.get(name="Riverside residential tower")
    assert 55 <= tower.tasks.count() <= 80 and Project.objects.count() == 3
    assert len(selectors.gantt_data(tower).critical_tasks()) > 10
    assert tower.team_members.filter(user__email="member@demo.coop").exists()
