"""The core app's records, re-exported so `from coop.models import X` keeps working."""

from .core import Cooperative, PolicyNumber, User, UserManager, language_supported
from .documents import DocumentVersion, GoverningDocument
from .notices import DeskWatermark, Notice, NoticeDelivery, NoticeKind, NoticePreference
from .outbox import OutboxMessage

__all__ = [
    "Cooperative",
    "DeskWatermark",
    "DocumentVersion",
    "GoverningDocument",
    "Notice",
    "NoticeDelivery",
    "NoticeKind",
    "NoticePreference",
    "OutboxMessage",
    "PolicyNumber",
    "User",
    "UserManager",
    "language_supported",
]
