"""No secret in the repository: scan every tracked file for private keys and token patterns."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})"),
    "Slack token": re.compile(r"\bxox[abpors]-[A-Za-z0-9-]{10,}"),
    "Stripe live key": re.compile(r"\b[rs]k_live_[A-Za-z0-9]{16,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "JSON web token": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    # A password inside a URL, unless it is an obvious placeholder for the reader to replace.
    "password in a URL": re.compile(
        r"://[^/\s:@'\"]+:(?!(?:password|secret|changeme)@|<|\$|\{|%)[^@\s/'\"]{6,}@(?!mail\.example\.org)"
    ),
    "Django secret key": re.compile(r"SECRET_KEY\s*=\s*['\"](?!insecure)[^'\"\s]{20,}['\"]"),
}
FORBIDDEN_FILES = re.compile(r"(^|/)(\.env|id_rsa|id_ed25519|.*\.pem|.*\.key|.*\.p12)$")


def _tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing tracked to scan")
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)  # noqa: S607
    return [name for name in listing.stdout.decode().split("\0") if name]


def test_no_tracked_file_holds_a_secret():
    # Given every file git tracks, when each text file is scanned
    found = []
    for name in _tracked_files():
        path = ROOT / name
        if not path.is_file() or path.is_symlink():
            continue
        text = path.read_bytes()[:2_000_000].decode("utf-8", errors="ignore")
        found += [f"{name}: {label}" for label, pattern in PATTERNS.items() if pattern.search(text)]
    # then none matches a secret's pattern
    assert found == []


def test_no_tracked_key_or_environment_file():
    assert [name for name in _tracked_files() if FORBIDDEN_FILES.search(name)] == []


def test_the_scan_recognises_what_it_looks_for():
    # The patterns catch real shapes (built here so this file itself stays clean)
    samples = {
        "private key": "-----BEGIN " + "RSA PRIVATE KEY-----",
        "AWS access key": "AKIA" + "ABCDEFGHIJKLMNOP",
        "GitHub token": "ghp_" + "a" * 36,
        "password in a URL": "postgres://coop:" + "s3cretpass@db.internal/coop",
    }
    for label, sample in samples.items():
        assert PATTERNS[label].search(sample), label
    assert not PATTERNS["password in a URL"].search("smtp+tls://user:password@mail.example.org:587")
    assert not PATTERNS["Django secret key"].search("DJANGO_SECRET_KEY='a long random string'")
