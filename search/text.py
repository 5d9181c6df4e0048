"""Text normalisation shared by indexing and querying.

`fold` is the one accent-folding function of the project (DESIGN.md): the database engine
applies it to stored text and to queries alike, so "dang ky" meets "đăng ký".
`normalize_document_number` gives a legal document number or a procedure code one lookup key,
whatever the case, spacing, or look-alike letters it was typed or crawled with.
"""

import re
import unicodedata

from django.utils.text import slugify

# Letters that look like Latin ones and turn up in crawled numbers: Cyrillic and Greek
# capitals, the Icelandic eth (Ð, U+00D0) and the African D (Ɖ, U+0189) used for Đ.
_LOOKALIKES = str.maketrans(
    {
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Ɖ": "D",
        "ɖ": "d",
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "Н": "H",
        "К": "K",
        "М": "M",
        "О": "O",
        "Р": "P",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "а": "a",
        "с": "c",
        "е": "e",
        "о": "o",
        "р": "p",
        "х": "x",
        "у": "y",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Χ": "X",
    }
)
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NUMBER_SPACES = re.compile(r"\s*([/\-.])\s*")
_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case `text` and strip its diacritics: "Đăng ký KHAI SINH" -> "dang ky khai sinh"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return _COMBINING.sub("", decomposed).lower()


def slug_for(text: str, fallback: str, max_length: int = 255) -> str:
    """A URL slug from Vietnamese text: "Hộ tịch" -> "ho-tich"; `fallback` when nothing is left."""
    return slugify(fold(text))[:max_length].strip("-") or fallback


def normalize_document_number(number: str) -> str:
    """The lookup key of a document number or procedure code.

    "57 / QĐ-UBND", "57/qd-ubnd", "57/QÐ-UBND" (Latin eth) and "57/QD-UBND" all give
    "57/qd-ubnd"; "85/2024/TT-BTС" with a Cyrillic С gives "85/2024/tt-btc".
    """
    if not number:
        return ""
    text = unicodedata.normalize("NFC", number).translate(_LOOKALIKES)
    text = fold(text)
    text = _NUMBER_SPACES.sub(r"\1", text.strip())
    return _WHITESPACE.sub(" ", text)


_NUMBER_SHAPE = re.compile(
    r"^\s*\d+[\w.]*\s*/\s*[\w\u00c0-\u1ef9.]+(?:\s*[/\-]\s*[\w\u00c0-\u1ef9.]+)*\s*$"
)
_CODE_SHAPE = re.compile(r"^\s*\d+\.\d{4,}(?:\.[\w]+)?\s*$")


def looks_like_document_number(query: str) -> bool:
    """True for "57/QĐ-UBND", "123/2015/NĐ-CP", "57 / qd-ubnd": a number, a slash, a sign."""
    return bool(_NUMBER_SHAPE.match(query or ""))


def looks_like_procedure_code(query: str) -> bool:
    """True for national procedure codes such as "1.001193" (optionally with a local suffix)."""
    return bool(_CODE_SHAPE.match(query or ""))


# "ky"/"ki", "ly"/"li", "my"/"mi", "quy"/"qui": after the same consonant, a final i and y are
# two spellings of one syllable (both are in use, "kỹ"/"kĩ", "lý"/"lí"); matching folds y to i.
_FINAL_Y = re.compile(r"(?<![^\W\d_])((?:[bcdghklmnprstvx]|qu))y(?![^\W\d_])")


def search_fold(text: str) -> str:
    """The form text is matched in: `fold`, then a final y after a consonant read as i.

    "Phiếu lý lịch" -> "phieu li lich"; "kỹ thuật" -> "ki thuat"; "quy định" -> "qui dinh".
    One character for one character of NFC text, so highlighting can map matches back.
    """
    return _FINAL_Y.sub(r"\1i", fold(text))
