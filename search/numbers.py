"""Document numbers and procedure codes in the shapes people type them.

"57/QĐ-UBND", "57 QD UBND", "57-QĐ-UBND", "QĐ 57", "qd 57/2020", "quyết định 57",
"nghị định 123/2015", "123-2015-ND-CP", "nd 123/2015", "1001193", "TTHC 1.001193".

`NumberKey.of(normalized_number)` describes a stored number by its parts (the leading number,
the year when the number has one, the signs such as "qd", "ubnd", "nd", "cp", "qh15"), and a
procedure code by its digits. `wanted(text)` reads what the user typed into one or more
`Wanted` lookups; `Wanted.matches(key, year)` tells whether a stored number fits (the year
may come from the number or from the document's date: "qd 3389/2020" finds 3389/QĐ-UBND
issued in 2020). A bare number that could be anything ("2024") is never read as a document
number: a sign, a type word ("quyết định") or a year must come with it. Codes need 7 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.text import normalize_document_number, search_fold

# Type words people write before a number, and the sign each stands for in numbers.
TYPE_WORDS = {
    ("nghi", "dinh"): "nd",
    ("quyet", "dinh"): "qd",
    ("thong", "tu"): "tt",
    ("thong", "tu", "lien", "tich"): "ttlt",
    ("nghi", "quyet"): "nq",
    ("ke", "hoach"): "kh",
    ("chi", "thi"): "ct",
    ("thong", "bao"): "tb",
    ("cong", "van"): "",
    ("luat",): "qh",
    ("bo", "luat"): "qh",
    ("phap", "lenh"): "ubtvqh",
    ("chuong", "trinh"): "ctr",
    ("van", "ban"): "",
    ("so",): "",
}
# The same type words, as the register's "type" facet names them: a query that names a type
# ("luật đất đai", "thông tư hướng dẫn luật căn cước") ranks documents of that type higher.
TYPE_FACETS = {
    ("nghi", "dinh"): ["Nghị định"],
    ("quyet", "dinh"): ["Quyết định"],
    ("thong", "tu"): ["Thông tư", "Thông tư liên tịch"],
    ("nghi", "quyet"): ["Nghị quyết", "Nghị quyết liên tịch"],
    ("ke", "hoach"): ["Kế hoạch"],
    ("chi", "thi"): ["Chỉ thị"],
    ("thong", "bao"): ["Thông báo"],
    ("cong", "van"): ["Công văn"],
    ("luat",): ["Luật", "Bộ luật"],
    ("phap", "lenh"): ["Pháp lệnh"],
}


def named_types(folded_words: list[str]) -> list[str]:
    """The register's type names that the query's words name ("luat" -> Luật, Bộ luật)."""
    found: list[str] = []
    for size in (2, 1):
        for start in range(len(folded_words) - size + 1):
            found += TYPE_FACETS.get(tuple(folded_words[start : start + size]), [])
    return list(dict.fromkeys(found))


CODE_WORDS = {("tthc",), ("thu", "tuc"), ("ma",), ("ma", "thu", "tuc"), ("ma", "so")}
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+\d*|\d+", re.UNICODE)
_YEAR = re.compile(r"^(19[4-9]\d|20\d\d)$")
_CODE = re.compile(r"^\d\.\d{6}$")


def _is_year(token: str) -> bool:
    return bool(_YEAR.match(token))


@dataclass(frozen=True)
class NumberKey:
    head: int | None
    year: int | None
    signs: tuple[str, ...]
    code: str = ""  # procedure codes: digits only, "1001193"

    @classmethod
    def of(cls, normalized: str) -> NumberKey | None:
        if not normalized:
            return None
        compact = normalized.replace(" ", "")
        if _CODE.match(
            compact.split(".", 2)[0] + "." + compact.split(".", 2)[1][:6]
            if compact.count(".") >= 1 and compact[:1].isdigit()
            else ""
        ):
            digits = re.sub(r"\D", "", compact.split(".")[0] + compact.split(".")[1][:6])
            return cls(None, None, (), code=digits)
        parts = [p for p in re.split(r"[/\-\s]+", compact) if p]
        if not parts or not parts[0].isdigit():
            return None
        year = int(parts[1]) if len(parts) > 1 and _is_year(parts[1]) else None
        signs = tuple(p for p in parts[1:] if not p.isdigit())
        return cls(int(parts[0]), year, signs)


_BUCKET = re.compile(r"^(\d+)(?:\.(\d{6}))?")


def bucket_of(normalized: str) -> tuple[str, object] | None:
    """The lookup bucket of a stored number, cheaply: ("code", "1001193") for a procedure
    code, ("head", 57) for a document number, None for anything else."""
    match = _BUCKET.match(normalized)
    if match is None:
        return None
    if match.group(2) and len(match.group(1)) == 1:
        return ("code", match.group(1) + match.group(2))
    return ("head", int(match.group(1)))


@dataclass
class Wanted:
    """One lookup read from the query: a code, or a number with optional year and signs."""

    head: int | None = None
    year: int | None = None
    signs: list[str] = field(default_factory=list)
    code: str = ""

    def matches(self, key: NumberKey, date_year: int | None = None) -> bool:
        if self.code:
            return key.code == self.code
        if key.head is None or key.head != self.head:
            return False
        if self.year is not None and self.year not in (key.year, date_year):
            return False
        return all(any(s.startswith(w) for s in key.signs) for w in self.signs)


def wanted(text: str) -> list[Wanted]:
    """The number lookups in `text` ([] when it names no number or code)."""
    tokens = _TOKEN.findall(search_fold(normalize_document_number(text or "")))
    if not tokens:
        return []
    lookups: list[Wanted] = []
    numbers = [i for i, t in enumerate(tokens) if t[0].isdigit()]
    code_word = any(
        tuple(tokens[i : i + len(w)]) == w for w in CODE_WORDS for i in range(len(tokens))
    )
    # Procedure codes: "1.001193", "1001193" (7 digits starting 1-9), "TTHC 1.001193".
    for i in numbers:
        token = tokens[i]
        digits = token.replace(".", "")
        if re.fullmatch(r"\d\.\d{6}", token) or (
            re.fullmatch(r"[1-9]\d{6}", digits) and ("." not in token or code_word)
        ):
            lookups.append(Wanted(code=digits))
    if lookups:
        return lookups
    # Type words ("nghị định") become signs; every other word is a sign candidate.
    signs: list[str] = []
    words = [t for t in tokens if not t[0].isdigit()]
    index = 0
    typed_words = set()
    while index < len(words):
        for size in (4, 2, 1):
            key = tuple(words[index : index + size])
            if key in TYPE_WORDS:
                if TYPE_WORDS[key]:
                    signs.append(TYPE_WORDS[key])
                typed_words.add(key)
                index += size
                break
        else:
            signs.append(words[index])
            index += 1
    candidates = [tokens[i] for i in numbers if "." not in tokens[i]]
    if not candidates:
        return []
    head = candidates[0]
    rest = candidates[1:]
    year = next((int(t) for t in rest if _is_year(t)), None)
    # Sign words must look like signs: short letter groups, or letters with a term ("qh15").
    sign_like = [s for s in signs if len(s) <= 8]
    if not (sign_like or typed_words or year):
        return []
    if _is_year(head) and not rest and not sign_like:
        return []
    # Unknown words ("nghị định hướng dẫn 123") make the lookup too strict: keep known signs.
    if len(sign_like) > 4:
        return []
    return [Wanted(head=int(head), year=year, signs=sign_like)]
