"""Check the translation catalogues: every string the code marks is translated in every shipped
language, none is left over, and every translation keeps its placeholders (`make lint`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

# What makemessages reads: the project's code and templates, never the tools or the tests.
IGNORED = (".git", ".venv", "node_modules", "tests", "bench", "artifacts", "staticfiles", "locale", "media")
CATALOGUE = Path("LC_MESSAGES") / "django.po"


class Command(BaseCommand):
    help = (
        "Fail if a string marked for translation is missing or fuzzy in a shipped language, if a catalogue "
        "holds a string the code no longer marks, or if a translation breaks a placeholder."
    )

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        problems: list[str] = []
        root = Path(settings.BASE_DIR)
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "project"
            # Extract from a copy, so that the check never rewrites the catalogues it checks.
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*IGNORED), symlinks=False)
            for code in languages:
                committed = root / "locale" / code / CATALOGUE
                if not committed.is_file():
                    problems.append(f"{code}: no catalogue at {committed.relative_to(root)}")
                    continue
                (copy / "locale" / code / CATALOGUE).parent.mkdir(parents=True)
                shutil.copy(committed, copy / "locale" / code / CATALOGUE)
                problems += self._placeholders(committed, root)
                problems += self._coverage(code, committed, copy)
        if problems:
            raise CommandError(
                "The translation catalogues need work (`make messages`, then translate):\n  " + "\n  ".join(problems)
            )
        self.stdout.write(f"Catalogues complete and well formed: {', '.join(languages) or 'none to check'}.")

    @staticmethod
    def _placeholders(committed: Path, root: Path) -> list[str]:
        """msgfmt's own check: the same %(name)s and {name} placeholders on both sides."""
        result = subprocess.run(  # noqa: S603
            ["msgfmt", "--check-format", "--output-file=/dev/null", str(committed)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return []
        return [line for line in result.stderr.splitlines() if line.strip()][:20] or [
            f"{committed.relative_to(root)}: msgfmt refused it"
        ]

    def _coverage(self, code: str, committed: Path, copy: Path) -> list[str]:
        """Re-extract the marked strings into the copy, then compare with the committed catalogue."""
        here = Path.cwd()
        try:
            os.chdir(copy)
            with override_settings(LOCALE_PATHS=[]):
                call_command("makemessages", locale=[code], verbosity=0, add_location="never")
        finally:
            os.chdir(here)
        fresh = polib.pofile(str(copy / "locale" / code / CATALOGUE))
        kept = {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed)) if not e.obsolete}
        marked = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
        problems = [
            f"{code}: not translated: {_shown(e.msgid)}"
            for e in fresh
            if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        ]
        problems += [
            f"{code}: no longer marked in the code: {_shown(msgid)}" for _ctx, msgid in sorted(kept - marked, key=str)
        ]
        problems += [f"{code}: {problem}" for problem in _plural_gaps(polib.pofile(str(committed)))]
        return problems


def _plural_gaps(catalogue: polib.POFile) -> list[str]:
    """A plural message needs every form the language's Plural-Forms header counts: gettext shows
    the English plural for a form left empty or missing."""
    header = catalogue.metadata.get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    forms = int(match.group(1)) if match else 2
    return [
        f"plural forms missing ({forms} needed): {_shown(e.msgid)}"
        for e in catalogue
        if e.msgid_plural and not e.obsolete and sum(1 for i in range(forms) if e.msgstr_plural.get(i)) < forms
    ]


def _shown(msgid: str) -> str:
    return repr(msgid if len(msgid) <= 70 else msgid[:67] + "...")
