"""Question words and filler: the words people add around what they look for.

"kết hôn cần giấy tờ gì", "lam giay khai sinh cho con o dau", "lệ phí kết hôn bao nhiêu":
the words in `QUESTION_PHRASES` and `FILLER_WORDS` never appear in what people look for,
so the engines match the remaining words. A list we own and test (search/tests/test_query_words.py);
add a word when a real query shows it. Words in quotes are never dropped, and a query made of
nothing but these words is searched as typed.

Unaccented queries ("can giay to gi") are matched on the folded form, but only for phrases
and for single words whose folded form is not also a content word ("can" is "cần" and
"căn", as in "căn cước"; "sao" is "bản sao"; "dau" is "đầu tư"), listed in `FOLDED_FILLER`.

`SOFT_WORDS` ("làm", "xin") are how people say "cấp" or "đăng ký": they are expanded by the
synonym vocabulary and rank results, but an item need not contain them to match. The generic
nouns in `SOFT_PHRASES` ("giấy", "giấy tờ", "hồ sơ") are soft the same way: people put them
before what they want ("làm giấy xác nhận cư trú"), the catalogue's titles mostly do not
("Xác nhận thông tin về cư trú"); inside a vocabulary entry ("giấy khai sinh") they are part
of the entry.

`LOSS_PHRASES` ("mất", "bị mất", "thất lạc") and `DAMAGE_PHRASES` ("hỏng", "rách") say the
thing is gone: people then want it again, so these words stand for the catalogue's reissuing
words ("cấp lại", "đăng ký lại" for a loss; "cấp đổi", "cấp lại" for damage), which rank
first, before the items that only say "mất" ("Trình báo mất hộ chiếu", still found, and
first when nothing is reissued). Soft too: what was lost is what must match. After a person
("bố mất") "mất" is a death, not a loss: a soft word.
"""

from __future__ import annotations

from search.text import search_fold

QUESTION_PHRASES = [
    "như thế nào",
    "làm thế nào",
    "thế nào",
    "như nào",
    "ra sao",
    "thì sao",
    "làm sao",
    "làm sao để",
    "cách nào",
    "ở đâu",
    "chỗ nào",
    "nơi nào",
    "bao lâu",
    "mất bao lâu",
    "mất mấy ngày",
    "mất bao nhiêu",
    "mất bao nhiêu tiền",
    "bao nhiêu",
    "bao nhiêu tiền",
    "hết bao nhiêu",
    "bao giờ",
    "khi nào",
    "mấy ngày",
    "giấy tờ gì",
    "những giấy tờ gì",
    "hồ sơ gì",
    "hồ sơ gồm những gì",
    "cần những gì",
    "cần gì",
    "làm gì",
    "phải làm gì",
    "là gì",
    "được không",
    "có được không",
    "xin hỏi",
    "cho hỏi",
    "thủ tục",
    "thủ tục hành chính",
    "thì làm thế nào",
    "cho tôi",
    "cho biết",
    "cho con",
    "cách làm",
]

FILLER_WORDS = {
    "cần",
    "gì",
    "không",
    "có",
    "là",
    "thì",
    "phải",
    "muốn",
    "tôi",
    "em",
    "mình",
    "ạ",
    "à",
    "nhé",
    "ơi",
    "của",
    "và",
    "với",
    "để",
    "ở",
    "tại",
    "được",
    "như",
    "nào",
    "đâu",
    "những",
    "các",
    "khi",
    "nếu",
    "mà",
    "vậy",
    "hỏi",
    "hết",
    "nhất",
    "đi",
    "cho",
}

# Folded forms that are filler whatever the accents ("gi" is only "gì", "khong" only "không").
FOLDED_FILLER = {
    "gi",
    "khong",
    "nhe",
    "cua",
    "voi",
    "o",
    "nhung",
    "cac",
    "em",
    "duoc",
    "phai",
    "nao",
    "a",
    "oi",
    "cho",
}

SOFT_WORDS = {"làm", "xin", "lam"}

# Generic nouns for a paper or a file: they rank, they are not required (see the docstring).
SOFT_PHRASES = ["giấy", "giấy tờ", "hồ sơ"]

# "lost" and "damaged": they stand for the catalogue's reissuing words (see the docstring).
# A lost paper is issued again ("cấp lại"), a damaged one mostly exchanged ("cấp đổi").
LOSS_PHRASES = ["mất", "bị mất", "làm mất", "đánh mất", "thất lạc", "bị thất lạc"]
DAMAGE_PHRASES = ["hỏng", "bị hỏng", "hư hỏng", "bị hư hỏng", "rách", "bị rách"]
REISSUE_LOST = ["cấp lại", "đăng ký lại"]
REISSUE_DAMAGED = ["cấp đổi", "cấp lại"]
# "mất" right after one of these is a death ("bố mất", "người mất"), not a loss: soft.
# ("em", "con", "anh", "chị" are also how people say "I": "em bị mất ..." is a loss.)
PERSONS = {"người", "bố", "mẹ", "cha", "ông", "bà", "vợ", "chồng"}

_PHRASES = sorted(
    (
        {tuple(p.split()) for p in QUESTION_PHRASES}
        | {tuple(search_fold(p).split()) for p in QUESTION_PHRASES}
    ),
    key=len,
    reverse=True,
)
_FOLDED_PHRASES = sorted(
    {tuple(search_fold(p).split()) for p in QUESTION_PHRASES}, key=len, reverse=True
)


def drop_filler(words: list[str]) -> tuple[list[str], list[str]]:
    """(the meaningful words, the dropped ones); see `filler_mask`."""
    keep = filler_mask(words)
    kept = [w for w, k in zip(words, keep, strict=True) if k]
    return kept, [w for w, k in zip(words, keep, strict=True) if not k]


def filler_mask(words: list[str]) -> list[bool]:
    """For each of the lower-cased `words`: True when it is meaningful, False for filler.

    Phrases are matched on the folded form; single accented words exactly and unaccented
    ones only when their folded form is unambiguous filler. Nothing is dropped when
    nothing would be left.
    """
    folded = [search_fold(w) for w in words]
    keep = [True] * len(words)
    index = 0
    while index < len(words):
        for phrase in _FOLDED_PHRASES:
            size = len(phrase)
            if tuple(folded[index : index + size]) == phrase and all(keep[index : index + size]):
                # Only when the typed accents agree with the phrase (or there are none).
                typed = words[index : index + size]
                if all(
                    w == f for w, f in zip(typed, folded[index : index + size], strict=True)
                ) or (tuple(typed) in _PHRASES):
                    for offset in range(size):
                        keep[index + offset] = False
                    index += size - 1
                    break
        index += 1
    for index, word in enumerate(words):
        if not keep[index]:
            continue
        if word in FILLER_WORDS or (word == folded[index] and word in FOLDED_FILLER):
            keep[index] = False
    if not any(keep):
        return [True] * len(words)
    return keep


def _typed_as(typed: list[str], phrase: tuple[str, ...]) -> bool:
    """True when the typed words are `phrase` with its accents or with none at all."""
    folded = tuple(search_fold(w) for w in typed)
    return folded == tuple(search_fold(w) for w in phrase) and (
        tuple(typed) == phrase or tuple(typed) == folded
    )


def match_phrase(words: list[str], index: int, phrases: list[str]) -> int:
    """How many of `words` from `index` on make one of `phrases` (the longest), or 0."""
    for phrase in sorted((tuple(p.split()) for p in phrases), key=len, reverse=True):
        size = len(phrase)
        if _typed_as(words[index : index + size], phrase):
            return size
    return 0


def is_loss(words: list[str], index: int) -> tuple[int, list[str]]:
    """(how many words from `index` on say something was lost or damaged, the reissuing
    words they stand for), or (0, []); "mất" after a person (`PERSONS`) is a death."""
    if is_death(words, index):
        return 0, []
    if size := match_phrase(words, index, LOSS_PHRASES):
        return size, REISSUE_LOST
    if size := match_phrase(words, index, DAMAGE_PHRASES):
        return size, REISSUE_DAMAGED
    return 0, []


def is_death(words: list[str], index: int) -> bool:
    """ "mất" right after a person: "bố mất", "mẹ mất" (a soft word, not a loss)."""
    return bool(
        index
        and match_phrase(words, index, ["mất"])
        and search_fold(words[index - 1]) in {search_fold(p) for p in PERSONS}
    )
