"""Two applications from one address at the same instant: the database keeps exactly one."""

import pytest

from founding import services
from founding.models import Application
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories import founding as f


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_applications_from_one_email_keep_one():
    f.setup("c0@founders.coop")
    outcomes = race(
        *[
            lambda e=e: services.application_submit(email=e, legal_name="Pat", answers={})
            for e in ("pat@example.org", "PAT@example.org")
        ]
    )
    assert verdicts(outcomes) == ["ok", "refused"]
    refusal = next(o.error for o in outcomes if o.error is not None)
    assert "already received" in refusal.message_dict["email"][0]
    assert Application.objects.count() == 1
