"""The admin's Vietnamese catalogues (locale/<package>/vi/): complete, correct, compiled, first.

Each catalogue mirrors one installed package's English template; these tests fail when a
Wagtail, Django or taggit upgrade adds strings (run scripts/update_translations), when a
translation loses or invents a placeholder or a tag, when a .mo is older than its .po, and
when Django's lookup would find a package's own translation before ours.
"""

import gettext
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/vi/LC_MESSAGES/*.po"))


def _load_update_script():
    loader = importlib.machinery.SourceFileLoader(
        "update_translations", str(ROOT / "scripts" / "update_translations")
    )
    spec = importlib.util.spec_from_loader("update_translations", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


UPDATE = _load_update_script()


def _id(path):
    return f"{path.parts[-4]}/{path.name}"


def _translation(entry):
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def test_every_domain_editors_meet_has_a_catalogue():
    domains = {p.parts[-4] for p in PO_FILES}
    for required in (
        "wagtail",
        "wagtail.admin",
        "wagtail.images",
        "wagtail.documents",
        "wagtail.snippets",
        "wagtail.users",
        "wagtail.search",
        "wagtail.contrib.settings",
        "wagtail.contrib.redirects",
        "wagtail.contrib.forms",
        "taggit",
        "django",
        "django.contrib.auth",
    ):
        assert required in domains
    assert (LOCALE_DIR / "wagtail.admin" / "vi" / "LC_MESSAGES" / "djangojs.po").exists()
    assert set(UPDATE.DOMAINS) == domains


@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_catalogue_has_exactly_the_installed_package_ids(path):
    """After an upgrade this fails until scripts/update_translations has merged the new ids."""
    domain, catalogue = path.parts[-4], path.stem
    template = UPDATE.upstream_template(UPDATE.DOMAINS[domain], catalogue)
    expected = {(e.msgctxt, e.msgid) for e in template if e.msgid and not e.obsolete}
    ours = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
    assert ours == expected, "run scripts/update_translations, then translate what is new"


@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_catalogue_is_fully_translated(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po if not _translation(e) or "fuzzy" in e.flags]
    assert missing == []
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


PERCENT = re.compile(r"%(?:\([a-zA-Z_][a-zA-Z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
BRACE = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def _placeholders(text, entry):
    found = []
    if "python-format" in entry.flags or "c-format" in entry.flags:
        found += [p for p in PERCENT.findall(text) if p != "%%"]
    if "python-brace-format" in entry.flags or BRACE.search(entry.msgid):
        found += BRACE.findall(text)
    return sorted(found)


@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_placeholders_and_tags_are_kept(path):
    """Vietnamese has one plural form, so its one string must carry the plural's placeholders."""
    problems = []
    for entry in polib.pofile(str(path)):
        source = entry.msgid_plural or entry.msgid
        text = _translation(entry)
        if sorted(set(_placeholders(text, entry))) != sorted(set(_placeholders(source, entry))):
            problems.append((entry.msgid, text))
        if sorted(TAG.findall(text)) != sorted(TAG.findall(source)):
            problems.append((entry.msgid, text))
    assert problems == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_msgfmt_check_passes(path):
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-domain", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_compiled_catalogue_is_up_to_date(path, tmp_path):
    """The committed .mo holds what the .po says (scripts/update_translations compiles it)."""
    committed = path.with_suffix(".mo")
    assert committed.exists(), "run scripts/update_translations"
    fresh = tmp_path / "fresh.mo"
    polib.pofile(str(path)).save_as_mofile(str(fresh))
    with committed.open("rb") as a, fresh.open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog


def test_the_same_id_reads_the_same_in_every_catalogue():
    """Django merges all catalogues of a language, so one id can only have one translation."""
    seen = {}
    conflicts = []
    for path in PO_FILES:
        for entry in polib.pofile(str(path)):
            key = (path.stem, entry.msgctxt, entry.msgid)
            text = _translation(entry)
            if key in seen and seen[key][1] != text:
                conflicts.append((entry.msgid, seen[key], (_id(path), text)))
            seen.setdefault(key, (_id(path), text))
    assert conflicts == []


# One spelling throughout (see locale/GLOSSARY.md): the older tone placement that Vietnamese
# administrative texts use ("xóa", "hủy", "khóa"), and no English left in a translation.
FORBIDDEN = re.compile(
    r"\b(xoá|huỷ|khoá|hoá|thuỷ|tuỳ|snippet|workflow|live|draft|upload)\b", re.IGNORECASE
)


@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_translations_follow_the_glossary(path):
    offending = [
        (entry.msgid, _translation(entry))
        for entry in polib.pofile(str(path))
        if FORBIDDEN.search(re.sub(r"<[^>]+>|%\([^)]*\)s|\{[^}]*\}", "", _translation(entry)))
    ]
    assert offending == []


def test_our_catalogues_come_before_the_packages_own():
    """Upstream Wagtail shows a page's parent column and a collection's parent as "Tập"; ours
    wins, and reads right in both places (one msgid serves both)."""
    assert [Path(p).name for p in settings.LOCALE_PATHS] == sorted({p.parts[-4] for p in PO_FILES})
    with translation.override("vi"):
        assert translation.gettext("Parent") == "Nằm trong"
        assert translation.gettext("Resubmit to %(task_name)s") == (
            "Gửi lại cho bước “%(task_name)s”"
        )
        assert translation.gettext("Password reset unsuccessful") == (
            "Đặt lại mật khẩu không thành công"
        )
        assert translation.gettext("Save draft") == "Lưu bản nháp"
        assert translation.gettext("A comma-separated list of tags.") == (
            "Các thẻ, cách nhau bằng dấu phẩy."
        )


@pytest.mark.django_db
def test_admin_javascript_catalogue_is_ours(admin_user):
    """The admin's JavaScript strings come from our djangojs.po, not Wagtail's ("Lưu lỗi")."""
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()

    def escaped(text):  # the catalogue is JSON with \u escapes
        return json.dumps(text)[1:-1]

    assert escaped("Lỗi khi lưu") in body
    assert escaped("Lưu lỗi") not in body
    assert escaped("Thao tác khác") in body


def test_admin_offers_vietnamese_only():
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES == [("vi", "Tiếng Việt")]
    assert settings.LANGUAGE_CODE == "vi"
