"""`seed_scale` hands out ids itself (COPY on PostgreSQL): a record created through the ORM in the
same seed, or after it, must still get a free id, even on a database whose sequences start at 1."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from coop.models import User
from coop.roles import Role, has_role
from governance.models import Participation
from membership.models import Member, ShareTransaction

pytestmark = [
    pytest.mark.postgres,
    # Sequences restart at 1, as on a fresh database: the seed's own ids then meet the sequence's.
    pytest.mark.django_db(transaction=True, reset_sequences=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and sequences are PostgreSQL's"),
]


def test_seed_scale_on_fresh_sequences_leaves_every_sequence_past_its_ids(cooperative):
    # Given a database whose id sequences have never moved
    # When the scale cooperative is seeded (its Operations officer is made through the services)
    call_command(
        "seed_scale",
        "--no-demo",
        "--members",
        "8",
        "--share-transactions",
        "20",
        "--ballots",
        "5",
        "--tasks",
        "10",
        "--time-entries",
        "10",
        "--history-versions",
        "3",
        stdout=StringIO(),
    )
    # Then the seed finished, with the officer it made through the services
    officer = User.objects.get(email__startswith="operations@officers.")
    assert has_role(officer, Role.OPERATIONS)
    assert Member.objects.count() == 8
    # And the next record made through the ORM gets a free id in every table the seed wrote
    newcomer = User.objects.create(email="newcomer@example.coop")
    assert newcomer.pk > max(User.objects.exclude(pk=newcomer.pk).values_list("pk", flat=True))
    for model in (Member, ShareTransaction, Participation):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
            (sequence,) = cursor.fetchone()
            cursor.execute(f"SELECT last_value FROM {sequence}")  # noqa: S608 - PostgreSQL's own name
            (last_value,) = cursor.fetchone()
        assert last_value >= max(model.objects.values_list("pk", flat=True))
