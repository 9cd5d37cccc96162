"""Membership records: the register, the share ledger, share subscriptions and club-phase dues."""

from .dues import DuesCharge, DuesPayment, DuesReminder, DuesSchedule
from .members import Member, MemberQuerySet
from .shares import ShareRequest, ShareTransaction
from .subscriptions import ShareSubscription, SubscriptionPayment

__all__ = [
    "DuesCharge",
    "DuesPayment",
    "DuesReminder",
    "DuesSchedule",
    "Member",
    "MemberQuerySet",
    "ShareRequest",
    "ShareSubscription",
    "ShareTransaction",
    "SubscriptionPayment",
]
