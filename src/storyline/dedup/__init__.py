"""Dedup: exact and near-duplicate articles, linked to the first copy that arrived.

A wire story (AP, Reuters, AFP) reaches a reader through many outlets, each adding its own
header, footer and small edits. Those copies are one report, not independent corroboration: each
later copy gets ``duplicate_of`` = the first copy seen (the root of its chain), and is kept.

Texts are compared on word 5-shingles of their normalised words (case folded, punctuation
dropped; Chinese and Japanese characters count as words, since those scripts put no spaces
between words). Exact copies are caught by a hash of the normalised words. Near copies are
found among the candidates of a MinHash LSH index (datasketch) and verified exactly on the
texts' shingle hashes: a new article copies an earlier one when most of its own shingles are
in it (an excerpt, or the story with an outlet's header and footer around it), or when the two
are near-identical by Jaccard similarity. MinHash estimates alone are too noisy for this when
one text is much shorter than the other. Two outlets' own reports of one event share quotes
and names, but few runs of five words, and stay apart.

An article's signature (``signature(text)``: its digest, MinHash values and sorted shingle
hashes, about 4 bytes a word) is kept by the store, so the index is rebuilt from the store
without reading any text again.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's default since 2.0, named so that stored signatures stay comparable
SHINGLE_WORDS = 5
# LSH bands x rows: a pair sharing 30% of its shingles (Jaccard) is a candidate 2 times in 3, at 40%
# 19 in 20, at 5% once in 200; candidates are cheap to verify, missed copies are lost.
LSH_BANDS, LSH_ROWS = 42, 3
MIN_CONTAINMENT = 0.8  # share of the new article's shingles found in the earlier one
MIN_JACCARD = 0.7  # or near-identical both ways, each with its own header, footer and edits
MIN_SHINGLES = 20  # below ~25 words, sharing runs of words proves little: only exact copies count
FORMAT = b"SLM2"
_HEADER = struct.Struct("<4sHHI16s")  # format, permutations, shingle size, shingle count, digest
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+")


@dataclass(frozen=True)
class Signature:
    """What the index keeps of one text: its exact digest, MinHash values and shingle hashes."""

    digest: bytes  # 16 bytes of SHA-256 over the normalised words
    hashvalues: np.ndarray  # NUM_PERM uint32 MinHash values, for LSH candidates
    shingle_hashes: np.ndarray  # sorted distinct uint32 hashes of the shingles, for exact checks

    @property
    def shingles(self) -> int:
        return len(self.shingle_hashes)

    def to_bytes(self) -> bytes:
        header = _HEADER.pack(FORMAT, NUM_PERM, SHINGLE_WORDS, self.shingles, self.digest)
        return header + self.hashvalues.astype("<u4").tobytes() + self.shingle_hashes.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        """The signature ``to_bytes`` wrote; ValueError for another format or other parameters."""
        if len(blob) < _HEADER.size:
            raise ValueError(f"not a storyline MinHash signature ({len(blob)} bytes)")
        form, num_perm, shingle_words, count, digest = _HEADER.unpack_from(blob)
        if (form, num_perm, shingle_words) != (FORMAT, NUM_PERM, SHINGLE_WORDS):
            raise ValueError(
                f"signature made with other parameters ({form!r}, {num_perm} permutations, "
                f"{shingle_words}-word shingles): recompute it from the text"
            )
        if len(blob) != _HEADER.size + 4 * (NUM_PERM + count):
            raise ValueError(f"truncated signature ({len(blob)} bytes for {count} shingles)")
        values = np.frombuffer(blob, dtype="<u4", offset=_HEADER.size)
        return cls(digest, values[:NUM_PERM].astype(np.uint32), values[NUM_PERM:].astype(np.uint32))


def words(text: str) -> list[str]:
    """The text's words, normalised: NFKC, case folded, punctuation and spacing dropped."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """Every run of ``size`` consecutive words (the whole text when it is shorter)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _hash32(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little")


def make_signature(text: str) -> Signature:
    tokens = words(text)
    digest = hashlib.sha256(" ".join(tokens).encode("utf-8")).digest()[:16]
    hashes = np.unique(np.fromiter((_hash32(s) for s in shingles(tokens)), dtype=np.uint32))
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int)
    minhash.update_batch(hashes.tolist())
    return Signature(digest, minhash.hashvalues.astype(np.uint32), hashes)


def signature(text: str) -> bytes:
    """The serialised signature of ``text``: what the store keeps per article."""
    return make_signature(text).to_bytes()


def overlap(new: Signature, old: Signature) -> tuple[float, float]:
    """(Jaccard similarity, share of ``new``'s shingles found in ``old``), exact on shingle hashes."""
    if new.digest == old.digest:
        return 1.0, 1.0
    if not new.shingles or not old.shingles:
        return 0.0, 0.0
    shared = len(np.intersect1d(new.shingle_hashes, old.shingle_hashes, assume_unique=True))
    return shared / (new.shingles + old.shingles - shared), shared / new.shingles


def is_copy(new: Signature, old: Signature) -> bool:
    """Whether ``new`` is a copy of ``old``: the same words, or mostly ``old``'s runs of words."""
    if new.digest == old.digest:
        return True
    if min(new.shingles, old.shingles) < MIN_SHINGLES:
        return False
    jaccard, contained = overlap(new, old)
    # Containment is one-way on purpose: a long live blog that quotes a wire story in full is
    # not a copy of it, while the wire story arriving after the blog is a copy of a part of it.
    return contained >= MIN_CONTAINMENT or jaccard >= MIN_JACCARD


class DuplicateIndex:
    """Articles seen so far; ``add`` says which earlier article a new one copies."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
        self._signatures: dict[str, Signature] = {}
        self._by_digest: dict[bytes, str] = {}
        self._original_of: dict[str, str | None] = {}  # article -> its root original, None for originals
        self._order: dict[str, int] = {}  # arrival order, to prefer the earliest of equal matches

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, text: str) -> str | None:
        """Index ``text``; the id of the earlier article it duplicates (the root original), else None."""
        if article_id in self._signatures:  # the same article again: same answer, index unchanged
            return self._original_of[article_id]
        return self.add_signature(article_id, signature(text))

    def add_signature(self, article_id: str, blob: bytes) -> str | None:
        """As ``add``, from a signature computed earlier (``signature(text)``)."""
        if article_id in self._signatures:
            return self._original_of[article_id]
        sig = Signature.from_bytes(blob)
        original = self._find(sig)
        self._insert(article_id, sig, original)
        return original

    def restore(self, article_id: str, blob: bytes, duplicate_of: str | None = None) -> None:
        """Put back an article known from the store, with the link decided when it arrived."""
        if article_id not in self._signatures:
            self._insert(article_id, Signature.from_bytes(blob), duplicate_of)

    def duplicate_of(self, article_id: str) -> str | None:
        return self._original_of.get(article_id)

    def signature_of(self, article_id: str) -> bytes:
        return self._signatures[article_id].to_bytes()

    def _root(self, article_id: str) -> str:
        return self._original_of.get(article_id) or article_id

    def _find(self, sig: Signature) -> str | None:
        if not sig.shingles:  # no words at all: nothing to be a copy of
            return None
        exact = self._by_digest.get(sig.digest)
        if exact is not None:
            return self._root(exact)
        if sig.shingles < MIN_SHINGLES:
            return None
        matches = []
        for candidate in self._lsh.query(_minhash(sig)):
            other = self._signatures[candidate]
            if is_copy(sig, other):
                jaccard, contained = overlap(sig, other)
                matches.append((-contained, -jaccard, self._order[candidate], candidate))
        return self._root(min(matches)[-1]) if matches else None

    def _insert(self, article_id: str, sig: Signature, original: str | None) -> None:
        self._signatures[article_id] = sig
        self._original_of[article_id] = original
        self._order[article_id] = len(self._order)
        if sig.shingles:
            self._by_digest.setdefault(sig.digest, article_id)
        if sig.shingles >= MIN_SHINGLES:
            self._lsh.insert(article_id, _minhash(sig), check_duplication=False)


def _minhash(sig: Signature) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sig.hashvalues, scheme=SCHEME)
