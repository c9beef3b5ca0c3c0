"""Kemendagri region codes: provinsi (PP), kab/kota (PP.KK), kecamatan (PP.KK.CC), desa (PP.KK.CC.DDDD).

The list ships as resources/wilayah.tsv.gz (built by scripts/build_wilayah.py). Master data pulled
from the central server later replaces it by dropping a file of the same format in the data folder.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from station.domain.errors import ExitCode, StationError
from station.resources import resource

LEVELS = ("provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan")


class UnknownRegion(StationError, KeyError):
    code = "region_unknown"
    exit_code = ExitCode.INPUT

    def __str__(self) -> str:
        return f"Kode wilayah {self.args[0]} tidak dikenal."


@dataclass(frozen=True)
class Region:
    code: str
    name: str

    @property
    def level(self) -> str:
        return LEVELS[self.code.count(".")]


class Regions:
    """An in-memory index of the list: ~91k codes, loaded in ~0.1 s, looked up in O(1)."""

    def __init__(self, rows: list[tuple[str, str]], source: str = "") -> None:
        self.source = source
        self._names: dict[str, str] = {}
        self._children: dict[str | None, list[str]] = defaultdict(list)
        for code, name in rows:
            self._names[code] = name
            self._children[code.rsplit(".", 1)[0] if "." in code else None].append(code)

    @classmethod
    def from_file(cls, path: Path) -> Regions:
        rows = []
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                code, name = line.rstrip("\n").split("\t", 1)
                rows.append((code, name))
        return cls(rows, source=str(path))

    def __len__(self) -> int:
        return len(self._names)

    def is_kecamatan(self, code: str) -> bool:
        """A kecamatan code (PP.KK.CC) that is in the list."""
        return code.count(".") == 2 and self.exists(code)

    def exists(self, code: str) -> bool:
        return code in self._names

    def get(self, code: str) -> Region:
        try:
            return Region(code, self._names[code])
        except KeyError:
            raise UnknownRegion(code) from None

    def children(self, code: str | None = None) -> list[Region]:
        """Provinces when code is None, otherwise the next level down."""
        return [Region(c, self._names[c]) for c in self._children.get(code, [])]

    def path(self, code: str) -> list[Region]:
        """Provinsi down to the given code; raises UnknownRegion for any missing step."""
        parts = code.split(".")
        return [self.get(".".join(parts[: i + 1])) for i in range(len(parts))]

    def count(self, level: int) -> int:
        return sum(1 for c in self._names if c.count(".") == level)


def spoken(name: str) -> str:
    """A name as people write it: the list's 'KAB. KENDAL' as 'Kab. Kendal' (DKI stays DKI)."""
    return name if not name.isupper() else name.title().replace("Dki ", "DKI ")


def master_file(data_dir: Path | None) -> Path:
    """Master data from the central server wins over the shipped list."""
    if data_dir is not None:
        pulled = Path(data_dir) / "master" / "wilayah.tsv.gz"
        if pulled.exists():
            return pulled
    return resource("wilayah.tsv.gz")


@lru_cache(maxsize=4)
def load_regions(data_dir: Path | None = None) -> Regions:
    return Regions.from_file(master_file(data_dir))
