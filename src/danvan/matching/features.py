"""A letter's features: its folded words and word pairs, hashed into a fixed space.

Word pairs ("thua dat", "dat so", "so 125") carry what single words do not:
"thửa đất số 125" and "số 125 tờ bản đồ 8" share the pair "so 125". Features
are hashed (scikit-learn's :class:`~sklearn.feature_extraction.text.HashingVectorizer`,
MurmurHash3, stable across processes and restarts), so the index needs no
vocabulary and a new letter is indexed alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from danvan.matching.text import specifics, words

#: The size of the hashed feature space: 2^21 keeps collisions rare for a national vocabulary.
N_FEATURES = 2**21

#: Function words that carry no matter (single words only; their pairs stay: "cua ong" is not "ong").
_FUNCTION_WORDS = (
    "va la cua cho co khong duoc da dang se thi ma nhung cac mot nay do voi tai tu den trong ngoai nhu "
    "vi de bi boi o ra vao len xuong lai con van cung rat nhieu it hon nua theo ve toi chung em anh chi "
    "ong ba ho no gia dinh viec kinh gui xin tran trong cam on de nghi giai quyet xem xet don uy ban nhan dan xa"
)
STOP_WORDS = frozenset(_FUNCTION_WORDS.split())

#: The formulas every letter is written in ("kính gửi…", "tôi là…", "đề nghị… giải quyết"): they name no
#: matter, and an index of a commune's first letters is too small for the IDF to learn it.
_FORMULAS = (
    "kinh gui", "toi la", "toi ten la", "de nghi", "kinh de nghi", "giai quyet", "xem xet", "uy ban", "ban nhan",
    "nhan dan", "gia dinh", "dinh toi", "lam don", "don nay", "tran trong", "cam on", "xin cam", "hien tru",
    "tru tai", "dia chi", "co quan", "chuc nang", "chinh quyen", "dia phuong", "som giai", "cho gia", "cua gia",
    "nay toi", "toi xin", "trinh bay", "su viec", "nhu sau", "toi o", "o thon", "dan xa", "cap xa",
)  # fmt: skip
STOP_PAIRS = frozenset(_FORMULAS)


#: Between the sender's name and the text in the document the hasher reads (see :func:`term_counts`).
SENDER_MARK = "\x1e"


def analyze(text: str) -> list[str]:
    """The features of ``text``: its folded words (without function words), its word pairs, and one
    feature per person it names ("@hoang van binh"). The names of the hamlets it mentions are left out:
    every letter of a hamlet shares them, and the place is weighed apart (:func:`.index.evidence`), so
    that two households of one hamlet writing about one project are not one matter by their address."""
    sender, mark, body = text.rpartition(SENDER_MARK)
    text = body if mark else text
    places, people = specifics(text)
    # The sender's own name is weighed apart (the same sender, :func:`.index.evidence`): in the text it
    # would make every letter of one person about one matter.
    own = " ".join(words(sender)) if sender else ""
    people = [person for person in people if person != own]
    tokens = words(text)
    grams = [t for t in tokens if t not in STOP_WORDS and t not in places]
    grams += [
        f"{a} {b}"
        for a, b in itertools.pairwise(tokens)
        if f"{a} {b}" not in STOP_PAIRS and a not in places and b not in places
    ]
    grams += [f"@{person}" for person in people]
    return grams


_HASHER = HashingVectorizer(analyzer=analyze, n_features=N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32)


def term_counts(texts: Iterable[str], senders: Iterable[str] | None = None) -> sparse.csr_matrix:
    """Rows of sub-linear term frequencies (1 + log tf) of ``texts`` (written by ``senders``)."""
    if senders is not None:
        texts = (f"{sender}{SENDER_MARK}{text}" for text, sender in zip(texts, senders, strict=True))
    matrix = _HASHER.transform(texts).tocsr()
    matrix.sum_duplicates()
    np.log(matrix.data, out=matrix.data)
    matrix.data += 1.0
    return matrix
