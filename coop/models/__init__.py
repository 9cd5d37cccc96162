"""The core app's records, re-exported so `from coop.models import X` keeps working."""

from .core import Cooperative, PolicyNumber, User, UserManager, language_supported
from .documents import DocumentVersion, GoverningDocument
from .outbox import OutboxMessage

__all__ = [
    "Cooperative",
    "DocumentVersion",
    "GoverningDocument",
    "OutboxMessage",
    "PolicyNumber",
    "User",
    "UserManager",
    "language_supported",
]
