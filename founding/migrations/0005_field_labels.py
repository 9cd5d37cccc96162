# The fields' labels, marked for translation: the migration state only, no SQL.

from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [("founding", "0004_languages")]

    operations = [
        RelabelFields(
            labels={
                "applicationanswer": {"application": "application", "question": "question"},
                "businessplanmilestone": {"terms": "terms"},
                "historicalapplicationanswer": {"application": "application", "question": "question"},
                "historicalbusinessplanmilestone": {"terms": "terms"},
                "historicalinvitation": {"application": "application"},
                "invitation": {"application": "application", "token_hash": "token hash"},
            },
        ),
    ]
