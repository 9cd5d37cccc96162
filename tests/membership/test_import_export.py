"""CSV import with a dry-run preview and row-by-row errors; CSV export for the Board."""

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coop.models import User
from membership.admin.resources import MemberResource
from membership.models import Member
from tests.factories.membership import member_create

HEADERS = ["email", "legal_name", "status", "applied_on", "phone", "postal_address"]


def _dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_a_clean_file_registers_each_person_along_allowed_transitions(cooperative, board_user):
    data = _dataset(
        ["ana@example.coop", "Ana Ruiz", "owner", "2025-01-01", "", ""],
        ["li@example.coop", "Li Na", "applicant", "", "", ""],
    )
    result = MemberResource(actor=board_user).import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    ana = Member.objects.get(user__email="ana@example.coop")
    assert ana.status == "owner" and ana.provisional_since.isoformat() == "2025-01-01"
    assert Member.objects.get(user__email="li@example.coop").status == "applicant"


def test_a_file_with_a_bad_row_writes_no_row_and_names_each_error(cooperative, board_user):
    data = _dataset(
        ["ok@example.coop", "Fine Person", "owner", "", "", ""],
        ["not-an-email", "Bad Email", "owner", "", "", ""],
        ["x@example.coop", "Bad Status", "chairman", "", "", ""],
    )
    result = MemberResource(actor=board_user).import_data(data, dry_run=False)
    errors = {row.number: row.error.message_dict for row in result.invalid_rows}
    assert "not a valid email" in errors[2]["email"][0]
    assert "Unknown status “chairman”" in errors[3]["status"][0]
    assert not Member.objects.exists() and not User.objects.filter(email="ok@example.coop").exists()


def test_a_second_membership_in_the_file_is_a_row_error(cooperative, board_user):
    existing = member_create(email="taken@example.coop")
    data = _dataset(["taken@example.coop", "Twin", "applicant", "", "", ""])
    result = MemberResource(actor=board_user).import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert Member.objects.filter(user=existing.user).count() == 1


def test_the_admin_previews_errors_without_writing(board_client):
    body = "email,legal_name,status,applied_on,phone,postal_address\nnope,Someone,owner,,,\n"
    response = board_client.post(
        reverse("admin:membership_member_import"),
        {
            "resource": 0,
            "format": 0,
            "import_file": SimpleUploadedFile("members.csv", body.encode(), content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    assert "not a valid email" in response.content.decode()
    assert not Member.objects.exists()


def test_the_board_exports_the_register_as_csv(board_client):
    member_create(shares=3, email="export@example.coop")
    response = board_client.post(
        reverse("admin:membership_member_export"),
        {
            "format": 0,
            "resource": 0,
            **{f"memberresource_{f}": "on" for f in [*HEADERS, "shares"]},
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "export@example.coop" in text and ",3" in text
