"""Fingerprint deduplication for the centre: is this new record a person already recorded?

    from sync.server.dedup import DedupIndex, extract

    index = DedupIndex()                                   # or load_index(...) from the database (store.py)
    fingers = {2: extract(right_index_png), 7: extract(left_index_png), ...}   # ISO finger positions 1-10
    result = index.search(fingers)                         # 1:N against everything enrolled
    result.decision                                        # "PRR" or "DUP"; result.match.record_id names it
    index.add(record_uuid, fingers)                        # then enrol it (PRR or not: a later copy must find it)

Minutiae come from NIST mindtct and are verified by NIST Bozorth3 (nbis-py); the prefilter is in descriptors.py
and index.py; bench/dedup.py measures accuracy on ../shared/fingers and the cost of a search at 1k-100k.
"""

from sync.server.dedup.index import Candidate, DedupConfig, DedupIndex, SearchResult
from sync.server.dedup.minutiae import Minutiae, MinutiaeError, bozorth3, extract

__all__ = [
    "Candidate",
    "DedupConfig",
    "DedupIndex",
    "Minutiae",
    "MinutiaeError",
    "SearchResult",
    "bozorth3",
    "extract",
]
