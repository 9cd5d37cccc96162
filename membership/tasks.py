"""Periodic membership work; each task is a thin wrapper over a service."""

from celery import shared_task

from . import services
from .selectors import dues_schedule_active


@shared_task(name="membership.promote_due")
def members_promote_due_task() -> int:
    promoted = services.members_promote_due(actor=None, reason="Provisional Period ended (scheduled task)")
    return len(promoted)


@shared_task(name="membership.dues_charge_current")
def dues_charge_current_task() -> int:
    schedule = dues_schedule_active()
    if schedule is None:
        return 0
    charges = services.dues_charge_period(schedule=schedule, actor=None, reason="Dues period charged (scheduled task)")
    return len(charges)


@shared_task(name="membership.dues_reminders_send")
def dues_reminders_send_task() -> int:
    return len(services.dues_reminders_send(actor=None, reason="Dues reminder (scheduled task)"))
