# The fields' labels, marked for translation: the migration state only, no SQL.

from django.conf import settings
from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [("labor_contracts", "0003_languages"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RelabelFields(
            labels={
                "assignment": {"contract": "contract"},
                "contractrolerate": {"contract": "contract"},
                "historicalassignment": {"contract": "contract"},
                "historicalcontractrolerate": {"contract": "contract"},
                "historicalinvoice": {"contract": "contract", "issued_by": "issued by"},
                "historicalinvoiceline": {"invoice": "invoice", "milestone": "milestone", "owner": "owner"},
                "historicallaborcontract": {"approved_by": "approved by", "negotiated_by": "negotiated by"},
                "historicalmilestone": {"contract": "contract", "invoice": "invoice"},
                "historicalownerpay": {"owner": "owner", "settlement": "settlement"},
                "historicalpayment": {"invoice": "invoice", "recorded_by": "recorded by"},
                "historicalperiodsettlement": {"contract": "contract", "invoice": "invoice"},
                "historicaltimesheetentry": {
                    "assignment": "assignment",
                    "contract": "contract",
                    "invoice": "invoice",
                    "owner": "owner",
                    "reviewed_by": "reviewed by",
                },
                "invoice": {"contract": "contract", "issued_by": "issued by"},
                "invoiceline": {"invoice": "invoice", "milestone": "milestone", "owner": "owner"},
                "laborcontract": {"approved_by": "approved by", "negotiated_by": "negotiated by"},
                "milestone": {"contract": "contract", "invoice": "invoice"},
                "ownerpay": {"owner": "owner", "settlement": "settlement"},
                "payment": {"invoice": "invoice", "recorded_by": "recorded by"},
                "periodsettlement": {"contract": "contract", "invoice": "invoice"},
                "timesheetentry": {
                    "assignment": "assignment",
                    "contract": "contract",
                    "invoice": "invoice",
                    "owner": "owner",
                    "reviewed_by": "reviewed by",
                },
            },
        ),
    ]
