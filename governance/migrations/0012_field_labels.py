# The fields' labels, marked for translation: the migration state only, no SQL.

from django.conf import settings
from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [("governance", "0011_meeting_petitions"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        RelabelFields(
            labels={
                "ballot": {"marks": "marks", "motion": "motion", "receipt": "receipt"},
                "ballottotal": {"ballots": "ballots", "marks": "marks", "motion": "motion", "weight": "weight"},
                "historicalmediationcase": {"motion": "motion"},
                "historicalmediationnote": {"author": "author", "case": "case"},
                "historicalparticipation": {"ballot": "ballot", "proxy": "proxy", "roll_entry": "roll entry"},
                "historicalpolicyadoption": {"motion": "motion"},
                "historicalrollentry": {"voter": "voter"},
                "mediationcase": {"motion": "motion", "parties": "parties"},
                "mediationnote": {"author": "author", "case": "case"},
                "participation": {"ballot": "ballot", "proxy": "proxy", "roll_entry": "roll entry"},
                "policyadoption": {"motion": "motion"},
                "rollentry": {"voter": "voter"},
            },
        ),
    ]
