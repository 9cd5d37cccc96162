"""The membership admin, one module per part of the register."""

from .dues import DuesChargeAdmin, DuesPaymentAdmin, DuesReminderAdmin, DuesScheduleAdmin
from .members import MemberAdmin
from .shares import ShareRequestAdmin, ShareTransactionAdmin

__all__ = [
    "DuesChargeAdmin",
    "DuesPaymentAdmin",
    "DuesReminderAdmin",
    "DuesScheduleAdmin",
    "MemberAdmin",
    "ShareRequestAdmin",
    "ShareTransactionAdmin",
]
