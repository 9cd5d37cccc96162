"""Governance records, re-exported so `from governance.models import Motion` works."""

from .bodies import Body, Office, OfficeTerm
from .encrypted import EncryptedBallot, EncryptedElection, EncryptedVoter, PartialDecryption, SealedShare, Trustee
from .mediation import MediationCase, MediationNote
from .meetings import AgendaItem, Attendance, Meeting, MeetingDocument
from .minutes import AgendaSpeaker, MeetingMinutes
from .motions import Choice, Comment, Motion, PolicyAdoption, Result
from .petitions import MeetingPetition, PetitionSignature
from .ranked import RankedBoard, RankedBoardEntry
from .tellers import (
    PaperBallotEntry,
    PaperBallotIssue,
    PaperBallotsAdded,
    PaperEntryFinished,
    PaperResolution,
    ShowOfHands,
    Teller,
)
from .voting import Ballot, BallotTotal, Participation, Proxy, RollEntry

__all__ = [
    "AgendaItem",
    "AgendaSpeaker",
    "Attendance",
    "Ballot",
    "BallotTotal",
    "Body",
    "Choice",
    "Comment",
    "EncryptedBallot",
    "EncryptedElection",
    "EncryptedVoter",
    "MediationCase",
    "MediationNote",
    "Meeting",
    "MeetingDocument",
    "MeetingMinutes",
    "MeetingPetition",
    "Motion",
    "Office",
    "OfficeTerm",
    "PaperBallotEntry",
    "PaperBallotIssue",
    "PaperBallotsAdded",
    "PaperEntryFinished",
    "PaperResolution",
    "PartialDecryption",
    "Participation",
    "PetitionSignature",
    "PolicyAdoption",
    "Proxy",
    "RankedBoard",
    "RankedBoardEntry",
    "Result",
    "RollEntry",
    "SealedShare",
    "ShowOfHands",
    "Teller",
    "Trustee",
]
