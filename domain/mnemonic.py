"""The mnemonic code (助记码) of a name: its initials as clerks type them to find a record."""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

MNEMONIC_MAX_LENGTH = 80
# An ASCII word or number inside a name.
WORDS = re.compile(r"[A-Za-z]+|[0-9]+")


def mnemonic_for(name: str) -> str:
    """Return the 助记码 of a name: the upper-case initials of its words, as clerks type them to find it.

    A Chinese character gives its pinyin initial (pypinyin, which reads
    polyphonic characters by phrase: 重庆 gives CQ), a Latin word its first
    letter, and a number is kept whole: "丽江 Tea 2号店" gives "LJT2HD".
    """
    initials = []
    # NFKC folds full-width letters and digits, which Chinese input methods type, to ASCII.
    for part in lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.FIRST_LETTER, errors="default"):
        # pypinyin returns a run of non-Chinese text as one part; split it into words and numbers.
        for word in WORDS.findall(part):
            initials.append(word if word.isdigit() else word[0])
    return "".join(initials).upper()[:MNEMONIC_MAX_LENGTH]
