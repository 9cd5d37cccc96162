from .conveners import SUNSET_CONDITION, Convenership
from .plan import BusinessPlanMilestone, BusinessPlanTerms
from .recruitment import Application, ApplicationAnswer, ApplicationQuestion, Invitation
from .setup import SetupToken

__all__ = [
    "SUNSET_CONDITION",
    "Application",
    "ApplicationAnswer",
    "ApplicationQuestion",
    "BusinessPlanMilestone",
    "BusinessPlanTerms",
    "Convenership",
    "Invitation",
    "SetupToken",
]
