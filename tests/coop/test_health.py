"""Liveness answers without the database; readiness fails only without the database."""

from django.db import connection
from django.urls import reverse

from config.celery import app


def test_liveness_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health_live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_database_broker_and_outbox(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"].startswith("none")
    assert body["outbox_waiting"] == 0
    assert body["status"] == "ok"


def test_an_unreachable_broker_is_reported_but_the_server_stays_ready(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get(reverse("health"))
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 200
    body = response.json()
    assert body["broker"].startswith("error")
    assert body["status"] == "degraded"


def test_readiness_fails_when_the_database_does_not_answer(client, db):
    def refuse(execute, sql, params, many, context):
        raise connection.Database.OperationalError("the database went away")

    with connection.execute_wrapper(refuse):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")
    assert response.json()["status"] == "down"
