"""The Elasticsearch engine's analyzers on real Lucene, compared with the query parser.

Elasticsearch's `pattern` tokenizer, `lowercase`, `asciifolding` and `pattern_replace` are
thin wrappers of Lucene's PatternTokenizer, LowerCaseFilter, ASCIIFoldingFilter and
PatternReplaceFilter; this test builds the same chain with Lucene's CustomAnalyzer (Debian's
liblucene8-java, tests/lucene/Analyze.java, patterns read from `index_body()`) and checks
that every text is cut into the words the query parser and the database engine use, folded
as `search_fold` folds them. Skipped, with the reason, without Java or Lucene; on a live
cluster `_analyze` would prove the same for the cluster's own Lucene version (9.x).
"""

import glob
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from search.engines import elasticsearch as es
from search.engines.base import _WORD
from search.text import search_fold

HARNESS = Path(__file__).parent / "lucene" / "Analyze.java"


def lucene_classpath() -> str:
    jars = []
    for name in ("lucene-core", "lucene-analyzers-common"):
        found = sorted(glob.glob(f"/usr/share/java/{name}-[0-9]*.jar"))
        if not found:
            pytest.skip(f"Lucene not installed ({name}.jar): apt-get install liblucene8-java")
        jars.append(found[-1])
    if not shutil.which("java"):
        pytest.skip("Java not installed: no Lucene to run the analyzers on")
    return ":".join(jars)


def analyze(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    analysis = es.index_body(synonyms_set="s")["settings"]["analysis"]
    final_y = analysis["filter"]["vi_final_y"]
    args = [
        analysis["tokenizer"]["vi_words"]["pattern"],
        analysis["filter"]["vi_marks"]["pattern"],
        final_y["pattern"],
        final_y["replacement"],
    ]
    out = subprocess.run(
        ["java", "-cp", lucene_classpath(), str(HARNESS), *args],
        input="\n".join(texts) + "\n", capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    lines = out.stdout.split("\n")[: len(texts)]
    return [tuple(part.split() for part in line.split("\t")) for line in lines]


def query_words(text: str) -> list[str]:
    """The words the query parser sees (NFC, \\w runs; "_" separates as in FTS5)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return [part for w in words for part in w.split("_") if part]


def vietnamese_letters() -> list[str]:
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones}
    letters |= {letter.upper() for letter in letters}
    return sorted(letters | {"đ", "Đ"})


TEXTS = [
    "TP.HCM",
    "xã.Người",
    "1.001193",
    "1.000.000 đồng",
    "v.v",
    "57/QĐ-UBND",
    "a_b",
    "Đăng ký\u00a0khai–sinh",
    "nghị định số 123/2015/NĐ-CP",
    "Hộ chiếu (phổ thông)",
    "email@cchc.gov.vn; https://dichvucong.gov.vn",
    "KỸ THUẬT, kĩ thuật",
    "Quy định quý",
    "Số 12-CT/TU",
    "«Lý lịch» tư pháp",
    "ngày 01/7/2025",
    "GPLX hạng B2",
]


def test_vietnamese_letters_fold_on_lucene_as_search_fold_does():
    letters = vietnamese_letters()
    assert len(letters) == 146  # 72 vowel letters with tones in each case, and đ/Đ
    for letter, (folded, exact) in zip(letters, analyze(letters), strict=True):
        assert folded == [search_fold(letter.lower())], letter
        assert exact == [letter.lower()], letter


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_lucene_cuts_and_folds_text_as_the_query_parser_does(form):
    from tests.test_search_contract import corpus

    texts = TEXTS + [
        text for doc in corpus()[:14] for text in (doc.title, doc.summary, doc.body) if text
    ]
    sent = [unicodedata.normalize(form, text) for text in texts]
    for text, (folded, exact) in zip(texts, analyze(sent), strict=True):
        words = query_words(text)
        assert folded == [search_fold(w) for w in words], text
        if form == "NFC":
            assert exact == words, text
