"""The core app's records, re-exported so `from coop.models import X` keeps working."""

from .core import Cooperative, PolicyNumber, User, UserManager
from .documents import DocumentVersion, GoverningDocument

__all__ = ["Cooperative", "DocumentVersion", "GoverningDocument", "PolicyNumber", "User", "UserManager"]
