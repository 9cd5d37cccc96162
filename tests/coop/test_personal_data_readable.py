"""The member's data export names its fields plainly, shows states as the pages do, and holds
every record the person owns: demo seed, the President's and a member's exports."""

import json

import pytest
from django.test import Client

from tests.audit.world import seed

pytestmark = pytest.mark.django_db

SECTIONS = {
    "share_transactions",
    "share_requests",
    "dues_charges",
    "dues_payments",
    "dues_reminders",
    "votes_taken_part_in",
    "motions_proposed",
    "comments_on_motions",
    "nominations",
    "proxies_given",
    "proxies_held",
    "offices_held",
    "document_versions_proposed",
    "convener_terms",
    "contract_assignments",
    "timesheets",
    "contract_pay",
    "project_teams",
    "projects_managed",
    "tasks_assigned",
    "time_entries",
    "pay_rates",
    "payslips",
    "bonuses",
    "patronage_dividends",
    "reviews_about_me",
    "reviews_i_wrote",
    "review_disputes",
    "notices",
    "notice_preferences",
}


def _export(user) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get("/portal/my-data/?download=1")
    assert response.status_code == 200
    return json.loads(response.content)


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


@pytest.fixture
def demo(db):
    return seed()


def test_the_presidents_export_is_complete_plain_and_in_words(demo):
    # When the President downloads their data
    data = _export(demo.board)
    # Then every section is there, no field is a database path, and states read as the pages show them
    assert set(data) >= SECTIONS
    assert not [key for key in _keys(data) if "__" in key or key.endswith("_id")]
    assert data["membership"]["status"] == "Owner"
    assert "President" in {row["office"] for row in data["offices_held"]}
    assert "In office" in {row["status"] for row in data["offices_held"]}
    assert data["motions_proposed"] and "status" in data["motions_proposed"][0]


def test_the_member_finds_their_work_and_pay(demo):
    data = _export(demo.member)
    assert data["project_teams"] and {"project", "role", "joined_on"} == set(data["project_teams"][0])
    assert data["payslips"] and set(data["payslips"][0]) >= {"period_start", "period_end", "amount"}
    assert data["time_entries"] and set(data["time_entries"][0]) == {"date", "project", "task", "hours", "note"}
