"""The catalogue check in `make lint`: a string marked but untranslated, a string no longer marked,
or a translation that breaks a placeholder fails it, naming the string."""

import pytest
from django.core.management import CommandError, call_command
from django.test.utils import override_settings

SOURCE = 'from django.utils.translation import gettext as _\n\nGREETING = _("Hello %(name)s")\nBYE = _("Goodbye")\n'
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def _project(tmp_path, entries: str):
    (tmp_path / "app.py").write_text(SOURCE)
    catalogue = tmp_path / "locale" / "es" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    (catalogue / "django.po").write_text(HEADER + entries)
    return override_settings(BASE_DIR=tmp_path, LANGUAGES=[("en", "English"), ("es", "Español")])


GOOD = '#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Hola %(name)s"\n\nmsgid "Goodbye"\nmsgstr "Adiós"\n\n'


def test_a_complete_catalogue_passes(tmp_path, capsys):
    with _project(tmp_path, GOOD):
        call_command("catalogue_check")
    assert "complete" in capsys.readouterr().out


def test_the_shipped_catalogues_pass():
    call_command("catalogue_check")


@pytest.mark.parametrize(
    ("entries", "named"),
    [
        (GOOD.replace('msgstr "Adiós"', 'msgstr ""'), "not translated: 'Goodbye'"),
        (GOOD.replace("Hola %(name)s", "Hola %(nombre)s"), "argument 'name' doesn't exist"),
        (GOOD + 'msgid "Farewell"\nmsgstr "Hasta luego"\n', "no longer marked in the code: 'Farewell'"),
    ],
    ids=["untranslated", "broken placeholder", "left over"],
)
def test_a_faulty_catalogue_fails_naming_the_string(tmp_path, entries, named):
    with _project(tmp_path, entries), pytest.raises(CommandError) as failed:
        call_command("catalogue_check")
    assert named in str(failed.value)


PLURAL_SOURCE = (
    "from django.utils.translation import ngettext\n\n"
    'def unread(n):\n    return ngettext("%(n)s unread", "%(n)s unread", n) % {"n": n}\n'
)


def test_a_plural_missing_one_of_the_languages_forms_fails(tmp_path):
    # Spanish counts three forms; gettext would show the English plural for the missing third.
    (tmp_path / "app.py").write_text(PLURAL_SOURCE)
    catalogue = tmp_path / "locale" / "es" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    header = HEADER.replace(
        "nplurals=2; plural=(n != 1);", "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    )
    entry = (
        '#, python-format\nmsgid "%(n)s unread"\nmsgid_plural "%(n)s unread"\n'
        'msgstr[0] "%(n)s sin leer"\nmsgstr[1] "%(n)s sin leer"\n'
    )
    (catalogue / "django.po").write_text(header + entry)
    settings = override_settings(BASE_DIR=tmp_path, LANGUAGES=[("en", "English"), ("es", "Español")])
    with settings, pytest.raises(CommandError) as failed:
        call_command("catalogue_check")
    assert "plural forms missing (3 needed): '%(n)s unread'" in str(failed.value)
