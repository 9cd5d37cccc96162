# The fields' labels, marked for translation: the migration state only, no SQL.

from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [("coop", "0012_policy_numbers_for_capital_and_shares")]

    operations = [
        RelabelFields(
            labels={"cooperative": {"singleton": "singleton"}, "historicalcooperative": {"singleton": "singleton"}},
        ),
    ]
