# The fields' labels, marked for translation: the migration state only, no SQL.

from django.conf import settings
from django.db import migrations

from coop.migration_operations import RelabelFields


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0006_share_subscriptions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RelabelFields(
            labels={
                "duescharge": {"member": "member", "schedule": "schedule"},
                "duespayment": {"member": "member", "recorded_by": "recorded by"},
                "duesreminder": {"member": "member"},
                "historicalduescharge": {"member": "member", "schedule": "schedule"},
                "historicalduespayment": {"member": "member", "recorded_by": "recorded by"},
                "historicalduesreminder": {"member": "member"},
                "historicalsharerequest": {"decided_by": "decided by", "member": "member"},
                "historicalsharesubscription": {"member": "member", "subscribed_by": "subscribed by"},
                "historicalsharetransaction": {
                    "member": "member",
                    "recorded_by": "recorded by",
                    "request": "request",
                    "subscription": "subscription",
                },
                "historicalsubscriptionpayment": {"recorded_by": "recorded by", "subscription": "subscription"},
                "sharerequest": {"decided_by": "decided by", "member": "member"},
                "sharesubscription": {"member": "member", "subscribed_by": "subscribed by"},
                "sharetransaction": {
                    "member": "member",
                    "recorded_by": "recorded by",
                    "request": "request",
                    "subscription": "subscription",
                },
                "subscriptionpayment": {"recorded_by": "recorded by", "subscription": "subscription"},
            },
        ),
    ]
