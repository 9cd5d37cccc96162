# The fields' labels, marked for translation: the migration state only, no SQL.

from django.conf import settings
from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [("finance", "0010_non_patronage_income"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RelabelFields(
            labels={
                "account": {"member": "member"},
                "bonusaward": {"holder": "holder", "journal_entry": "journal entry"},
                "historicalaccount": {"member": "member"},
                "historicalbonusaward": {"holder": "holder", "journal_entry": "journal entry"},
                "historicaljournalentry": {"created_by": "created by"},
                "historicaljournalline": {"account": "account", "entry": "entry"},
                "historicalmemberrate": {"band": "band", "member": "member"},
                "historicalpatronagedividend": {"allocation": "allocation", "member": "member"},
                "historicalpayrollline": {"band": "band", "member": "member", "run": "run"},
                "historicalpayrollrun": {"journal_entry": "journal entry"},
                "historicalrateadjustmentproposal": {
                    "decided_by": "decided by",
                    "member_rate": "member rate",
                    "review_cycle": "review cycle",
                },
                "historicalreview": {"cycle": "cycle", "reviewee": "reviewee", "reviewer": "reviewer"},
                "historicalreviewdispute": {"review": "review"},
                "historicalreviewscore": {"criterion": "criterion", "review": "review"},
                "historicalreviewteammember": {"cycle": "cycle", "member": "member"},
                "historicalsurplusallocation": {"journal_entry": "journal entry", "proposed_by": "proposed by"},
                "journalentry": {"created_by": "created by"},
                "journalline": {"account": "account", "entry": "entry"},
                "memberrate": {"band": "band", "member": "member"},
                "patronagedividend": {"allocation": "allocation", "member": "member"},
                "payrollline": {"band": "band", "member": "member", "run": "run"},
                "payrollrun": {"journal_entry": "journal entry"},
                "rateadjustmentproposal": {
                    "decided_by": "decided by",
                    "member_rate": "member rate",
                    "review_cycle": "review cycle",
                },
                "review": {"cycle": "cycle", "reviewee": "reviewee", "reviewer": "reviewer"},
                "reviewcycle": {"criteria": "criteria"},
                "reviewdispute": {"review": "review"},
                "reviewscore": {"criterion": "criterion", "review": "review"},
                "reviewteammember": {"cycle": "cycle", "member": "member"},
                "surplusallocation": {"journal_entry": "journal entry", "proposed_by": "proposed by"},
            },
        ),
    ]
