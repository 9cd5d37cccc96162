"""Two applications from one address at the same instant: the database keeps exactly one."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from founding import services
from founding.models import Application
from tests.factories import founding as f


@pytest.mark.django_db(transaction=True)
def test_simultaneous_applications_from_one_email_keep_one():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    f.setup("c0@founders.coop")
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(email):
        try:
            barrier.wait()
            services.application_submit(email=email, legal_name="Pat", answers={})
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.message_dict["email"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(e,)) for e in ("pat@example.org", "PAT@example.org")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "saved" and "already received" in sorted(outcomes)[0]
    assert Application.objects.count() == 1
