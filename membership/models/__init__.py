"""Membership records: the register, the share ledger and club-phase dues."""

from .dues import DuesCharge, DuesPayment, DuesReminder, DuesSchedule
from .members import Member, MemberQuerySet
from .shares import ShareRequest, ShareTransaction

__all__ = [
    "DuesCharge",
    "DuesPayment",
    "DuesReminder",
    "DuesSchedule",
    "Member",
    "MemberQuerySet",
    "ShareRequest",
    "ShareTransaction",
]
