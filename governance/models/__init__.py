"""Governance records, re-exported so `from governance.models import Motion` works."""

from .bodies import Body, Office, OfficeTerm
from .mediation import MediationCase, MediationNote
from .motions import Choice, Comment, Motion, PolicyAdoption, Result
from .voting import Ballot, BallotTotal, Participation, Proxy, RollEntry

__all__ = [
    "Ballot",
    "BallotTotal",
    "Body",
    "Choice",
    "Comment",
    "MediationCase",
    "MediationNote",
    "Motion",
    "Office",
    "OfficeTerm",
    "Participation",
    "PolicyAdoption",
    "Proxy",
    "Result",
    "RollEntry",
]
