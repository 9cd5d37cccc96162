"""Every admin page of ours, read by a Spanish-speaking officer of the Spanish demo, has no English
outside names and data: each table's list, its first record and that record's history. A label,
a heading, a record's own name or a state written in English is caught here, page by page."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from coop import services as coop_services
from coop.models import User
from tests.clients import logged_in

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-123"

# Words that are English and never Spanish (words both languages write, such as "total",
# "capital" or "agenda", are left out on purpose).
ENGLISH = frozenset(
    re.findall(
        r"[a-z]+",
        """
    the and of your you with for this that these those is are was were be been will would to from by
    have had it its what which who when how there their they we our an if into than then yet all any
    out up in on at or not only more less open closed vote votes voting ballot ballots member members
    owner owners share shares hours pay project projects document documents history change view edit
    delete save search filter add next previous back yes log home board conference motion motions
    proposal status started ends week month year today none since until role team task tasks review
    reviews payroll surplus dues account accounts contract contracts invoice invoices payment payments
    rate rates band bands reviewed approved recorded created deleted changed reason settlement
    subscription subscriptions allocation dividend dividends income revenue payable fund reserves office
    offices term terms meeting meetings minutes petition petitions signature signatures roll weight
    proxy milestone milestones client clients cash paid issued decided hourly entry entries labor
    timesheet timesheets bonus bonuses notice notices request requests
    """,
    )
)
WORD = re.compile(r"[^\W\d_]+")
# Data, not words of ours: e-mail addresses, the registration number, the ledger's source keys
# ("share:54"), the outbox's task names ("coop.notices_email"), an encrypted vote's keys, hashes and
# voter ids in hex (whose letters spell "be" or "add" by chance).
DATA = re.compile(r"@|demo\.coop|OR-CORP-|\b[a-z-]+:\d+\b|\bcoop\.[a-z_]+\b|\b[0-9a-f]{32,}\b")


def _english_lines(html: str) -> list[str]:
    text = unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ", html)))
    return [
        line.strip()
        for line in text.splitlines()
        if not DATA.search(line) and any(word.lower() in ENGLISH for word in WORD.findall(line))
    ]


def _pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        record = model._default_manager.order_by("pk").first()
        if record is None:
            continue
        for view in ("change", "history"):
            try:
                pages.append(reverse("admin:{}_{}_{}".format(*info, view), args=[record.pk]))
            except NoReverseMatch:
                continue
    return pages


def test_every_admin_page_of_the_spanish_demo_reads_in_spanish(db):
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    president = User.objects.get(email="president@demo.coop")
    coop_services.account_language_set(user=president, language="es", actor=president, reason="Mi idioma")
    client = logged_in(president)
    found = {}
    for page in _pages():
        response = client.get(page)
        assert response.status_code in (200, 302, 403), page
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            lines = _english_lines(response.content.decode())
            if lines:
                found[page] = lines[:5]
    assert found == {}
