"""The search vocabulary: synonyms and abbreviations, and how a query is expanded with them.

Entries are `search.models.Synonym` rows, edited by reviewers in the admin (Tìm kiếm → Từ đồng
nghĩa tìm kiếm); `STARTER` is the list the portal ships with (migration 0005 loads it), built
from the catalogue's own wording: each entry names the procedures it helps people find.

`concepts(words, vocabulary)` groups the meaningful words of a query into concepts: a word, or
the longest run of words the vocabulary knows, with every spelling that may stand for it
(typed spelling first). The database engine matches a concept when any of its spellings
matches; Elasticsearch gets the same vocabulary as a synonym graph filter
(`elasticsearch_rules`).
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from dataclasses import dataclass, field

from search.query_words import SOFT_PHRASES, SOFT_WORDS, is_death, is_loss, match_phrase
from search.text import search_fold

# (typed words, catalogue words, two-way, procedure codes served)
STARTER = [
    (
        "sổ đỏ, sổ hồng, bìa đỏ, bìa hồng",
        "giấy chứng nhận quyền sử dụng đất",
        False,
        "1.012753, 1.013978, 1.012783, 1.012787",
    ),
    (
        "GCN QSDĐ, GCNQSDĐ, GCN",
        "giấy chứng nhận quyền sử dụng đất",
        False,
        "1.012753, 1.013978, 1.012783, 1.012787",
    ),
    ("QSDĐ", "quyền sử dụng đất", False, "1.012753, 1.012783, 2.001035"),
    ("GPLX, bằng lái, bằng lái xe", "giấy phép lái xe", False, "3.000346, 3.000347, 3.000348"),
    ("thi bằng lái", "sát hạch, giấy phép lái xe", False, "3.000346"),
    ("MST", "mã số thuế", False, "1.007607, 1.008501, 1.008494"),
    ("làm, xin", "cấp, đăng ký", False, "1.001193, 3.000346, 1.001456, 1.014061"),
    ("công chứng", "chứng thực", True, "2.000815, 2.000884, 2.001019"),
    (
        "CCCD, căn cước công dân, CMND, CMT, chứng minh thư, chứng minh nhân dân",
        "thẻ căn cước, căn cước",
        False,
        "1.014061, 1.001247, 1.014062, 1.012566",
    ),
    ("BHYT", "bảo hiểm y tế", True, "2.000639, 1.003116, 1.001294"),
    ("BHXH", "bảo hiểm xã hội", True, "1.012538"),
    ("LLTP", "lý lịch tư pháp", True, "3.000333, 3.000330"),
    ("TNCN", "thu nhập cá nhân", True, "1.014976, 1.008529"),
    ("TNDN", "thu nhập doanh nghiệp", True, "1.007026, 1.008346"),
    ("GTGT, VAT", "giá trị gia tăng", True, "1.008558, 1.008559"),
    ("PCCC", "phòng cháy chữa cháy, phòng cháy và chữa cháy", True, "3.000489, 3.000490"),
    ("DN", "doanh nghiệp", False, "2.001610"),
    ("mở công ty, thành lập công ty, lập công ty", "thành lập doanh nghiệp", False, "2.001610"),
    ("passport", "hộ chiếu", False, "1.001456, 1.001471"),
    ("PT", "phổ thông", False, "1.001456"),
    ("hộ khẩu, nhập hộ khẩu, đăng ký hộ khẩu", "đăng ký thường trú", False, "1.004222"),
    ("giấy khai sinh, làm khai sinh", "đăng ký khai sinh", False, "1.001193"),
    ("giấy kết hôn, giấy đăng ký kết hôn", "đăng ký kết hôn", False, "1.000894"),
    ("giấy chứng tử", "khai tử", False, "1.000656"),
    ("người mất, người qua đời", "người chết", False, "1.000656"),
    (
        "độc thân, giấy xác nhận độc thân, giấy chứng nhận độc thân",
        "xác nhận tình trạng hôn nhân",
        False,
        "1.004873",
    ),
    ("báo tử", "khai tử", False, "1.000656"),
    ("sang tên xe", "thay đổi chủ xe, sang tên xe", False, "1.013076"),
    ("xe máy, xe mô tô, xe ô tô", "xe", False, "1.013067, 1.012575"),
    ("nhận con nuôi, xin con nuôi", "nuôi con nuôi", False, "2.001263"),
    ("ly dị", "ly hôn", True, "2.000554"),
    ("UBND", "ủy ban nhân dân", True, "1.001193"),
    ("TTHC", "thủ tục hành chính", True, ""),
    ("giấy tạm trú", "tạm trú", False, "1.004194"),
]

_SPLIT = re.compile(r"[,;\n]+")
_WORD = re.compile(r"\w+")


def split_terms(text: str) -> list[tuple[str, ...]]:
    """ "sổ đỏ, Sổ hồng" -> [("so", "do"), ("so", "hong")]: folded words of each term."""
    terms = []
    for part in _SPLIT.split(text or ""):
        words = tuple(_WORD.findall(search_fold(part)))
        if words and words not in terms:
            terms.append(words)
    return terms


@dataclass
class Vocabulary:
    """Typed phrase (folded words) -> every phrase it may stand for (itself first)."""

    expansions: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)
    longest: int = 1

    def add(self, terms: str, meanings: str, two_way: bool) -> None:
        typed, meant = split_terms(terms), split_terms(meanings)
        sources = typed + [m for m in meant if m not in typed] if two_way else typed
        group = typed + [m for m in meant if m not in typed]
        for source in sources:
            known = self.expansions.setdefault(source, [source])
            for phrase in group:
                if phrase not in known:
                    known.append(phrase)
            self.longest = max(self.longest, len(source))

    @classmethod
    def from_entries(cls, entries) -> Vocabulary:
        vocabulary = cls()
        for terms, meanings, two_way, *_ in entries:
            vocabulary.add(terms, meanings, two_way)
        return vocabulary


@dataclass
class Concept:
    """Words of the query that count as one: matched when any spelling in `alternatives`
    (folded word tuples, the typed one first) matches. `soft` concepts ("làm", "xin",
    "giấy", "mất") rank results but are not required. `prefer` is the alternative ranked as
    the typed words are (the typed one, except for "mất", which prefers "cấp lại": see
    search.query_words.LOSS_PHRASES)."""

    words: list[str]
    alternatives: list[tuple[str, ...]]
    soft: bool = False
    quoted: bool = False  # a phrase in quotes: its words together, in order, on every engine
    prefer: int = 0

    @property
    def expanded(self) -> bool:
        return len(self.alternatives) > 1


def concepts(
    words: list[str], vocabulary: Vocabulary | None, keep: list[bool] | None = None
) -> list[Concept]:
    """Group `words` (lower-case, as typed) into concepts, longest vocabulary match first.

    A word outside any vocabulary entry is left out when `keep` says it is filler (the
    vocabulary is read first, so an entry may contain such words: "giấy đi đường")."""
    folded = [search_fold(w) for w in words]
    keep = keep if keep is not None else [True] * len(words)
    out: list[Concept] = []
    index = 0
    while index < len(words):
        match = None
        if vocabulary is not None:
            for size in range(min(vocabulary.longest, len(words) - index), 0, -1):
                key = tuple(folded[index : index + size])
                if key in vocabulary.expansions:
                    match = (size, vocabulary.expansions[key])
                    break
        if match is None:
            # "mất" and its kin (`is_loss`), generic nouns ("giấy"): soft concepts.
            loss, reissue = is_loss(words, index)
            size = loss or match_phrase(words, index, SOFT_PHRASES) or is_death(words, index)
            if size and all(keep[index : index + size]):
                typed = tuple(folded[index : index + size])
                meant = [tuple(search_fold(p).split()) for p in reissue]
                concept = Concept(words[index : index + size], [typed, *meant], soft=True)
                out.append(dataclasses.replace(concept, prefer=1 if loss else 0))
                index += size
                continue
        if match is None:
            if keep[index]:
                soft = words[index] in SOFT_WORDS
                out.append(Concept([words[index]], [(folded[index],)], soft=soft))
            index += 1
            continue
        size, alternatives = match
        typed = words[index : index + size]
        out.append(Concept(typed, list(alternatives), soft=size == 1 and typed[0] in SOFT_WORDS))
        index += size
    return out


_lock = threading.Lock()
_cache: dict[str, object] = {"token": None, "vocabulary": None, "checked": 0.0}
# How long a process trusts its copy before asking the database whether an entry changed
# (a change made in this process is seen at once: search/signals.py forgets the copy).
CHECK_EVERY = 5.0


def forget_vocabulary() -> None:
    with _lock:
        _cache.update(token=None, vocabulary=None, checked=0.0)


def current_vocabulary() -> Vocabulary:
    """The vocabulary in the database, reloaded when an entry changes (one cheap query at
    most every CHECK_EVERY seconds)."""
    from django.db.models import Count, Max

    from search.models import Synonym

    now = time.monotonic()
    with _lock:
        if _cache["vocabulary"] is not None and now - _cache["checked"] < CHECK_EVERY:
            return _cache["vocabulary"]  # type: ignore[return-value]
    try:
        state = Synonym.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    except Exception:  # the table may not exist yet (before migrate)
        return Vocabulary.from_entries(STARTER)
    token = f"{state['n']}:{state['last']}"
    with _lock:
        if _cache["token"] != token:
            entries = Synonym.objects.values_list("terms", "meanings", "two_way")
            _cache["vocabulary"] = Vocabulary.from_entries(entries)
            _cache["token"] = token
        _cache["checked"] = now
        return _cache["vocabulary"]  # type: ignore[return-value]


def load_starter(model=None) -> int:
    """Add the STARTER entries whose typed words the vocabulary lacks; returns how many."""
    if model is None:
        from search.models import Synonym as model
    added = 0
    for terms, meanings, two_way, procedures in STARTER:
        _, created = model.objects.get_or_create(
            terms=terms,
            defaults={"meanings": meanings, "two_way": two_way, "procedures": procedures},
        )
        added += created
    return added


def elasticsearch_rules(entries) -> list[str]:
    """Solr-format rules for Elasticsearch's synonym_graph filter, one per entry:
    "a, b, c" (two-way) or "a, b => a, b, c" (one-way, the typed words kept)."""
    rules = []
    for terms, meanings, two_way, *_ in entries:
        typed = [" ".join(t) for t in split_terms(terms)]
        meant = [" ".join(m) for m in split_terms(meanings)]
        if not typed or not meant:
            continue
        if two_way:
            rules.append(", ".join(dict.fromkeys(typed + meant)))
        else:
            rules.append(f"{', '.join(typed)} => {', '.join(dict.fromkeys(typed + meant))}")
    return rules
