"""The membership admin, one module per part of the register."""

from .dues import DuesChargeAdmin, DuesPaymentAdmin, DuesReminderAdmin, DuesScheduleAdmin
from .members import MemberAdmin
from .shares import ShareRequestAdmin, ShareTransactionAdmin
from .subscriptions import ShareSubscriptionAdmin, SubscriptionPaymentAdmin

__all__ = [
    "DuesChargeAdmin",
    "DuesPaymentAdmin",
    "DuesReminderAdmin",
    "DuesScheduleAdmin",
    "MemberAdmin",
    "ShareRequestAdmin",
    "ShareSubscriptionAdmin",
    "ShareTransactionAdmin",
    "SubscriptionPaymentAdmin",
]
