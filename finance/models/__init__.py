"""Finance records: the ledger, pay bands and rates, reviews, payroll, bonuses and surplus."""

from .ledger import Account, JournalEntry, JournalLine
from .motions import PayBandMotion, SurplusMotion
from .pay import MemberRate, PayBand, RateAdjustmentProposal
from .payroll import PayrollLine, PayrollRun
from .reviews import Review, ReviewCriterion, ReviewCycle, ReviewDispute, ReviewScore, ReviewTeamMember
from .solidarity import SolidarityCommitment
from .surplus import BonusAward, PatronageDividend, SurplusAllocation

__all__ = [
    "Account",
    "BonusAward",
    "JournalEntry",
    "JournalLine",
    "MemberRate",
    "PatronageDividend",
    "PayBand",
    "PayBandMotion",
    "PayrollLine",
    "PayrollRun",
    "RateAdjustmentProposal",
    "Review",
    "ReviewCriterion",
    "ReviewCycle",
    "ReviewDispute",
    "ReviewScore",
    "ReviewTeamMember",
    "SolidarityCommitment",
    "SurplusAllocation",
    "SurplusMotion",
]
