"""Region codes as people say them: 'Blumah, Kec. Plantungan' instead of 33.24.01.2001."""

from __future__ import annotations

from functools import lru_cache

from station.domain.regions import Regions, UnknownRegion
from station.domain.regions import spoken as _title


@lru_cache(maxsize=4)
def kecamatan_items(regions: Regions) -> tuple[tuple[str, str], ...]:
    """Every kecamatan as ('Plantungan — Kab. Kendal, Jawa Tengah', '33.24.01'), sorted by name."""
    out = []
    for prov in regions.children(None):
        for kab in regions.children(prov.code):
            for kec in regions.children(kab.code):
                out.append((f"{kec.name} — {_title(kab.name)}, {_title(prov.name)}", kec.code))
    return tuple(sorted(out))


def kecamatan_name(regions: Regions, code: str) -> str:
    """'Kec. Plantungan (33.24.01)': the office's kecamatan and the code its NIKs start with."""
    try:
        return f"Kec. {regions.get(code).name} ({code})"
    except UnknownRegion:
        return code


def village_items(regions: Regions, kecamatan: str) -> list[tuple[str, str]]:
    return sorted((r.name, r.code) for r in regions.children(kecamatan)) if kecamatan else []


def village_name(regions: Regions, code: str) -> str:
    """'Blumah, Kec. Plantungan, Kab. Kendal' (or the code itself when the list does not know it)."""
    try:
        path = regions.path(code)
    except UnknownRegion:
        return code
    if len(path) < 4:
        return code
    return f"{path[3].name}, Kec. {path[2].name}, {_title(path[1].name)}"
