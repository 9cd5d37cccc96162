"""Every page carries a Content Security Policy that allows scripts from this site only."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["front_page", "account_login", "api-docs", "health"])
def test_pages_send_a_content_security_policy(client, db, name):
    policy = client.get(reverse(name))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy


def test_api_docs_need_no_inline_script(client, db):
    page = client.get(reverse("api-docs")).content.decode()
    assert "<script>" not in page.replace(" ", "")
