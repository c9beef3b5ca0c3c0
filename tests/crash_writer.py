"""Writer process for the crash test: commits records forever, printing each UUID once accept() returned."""

import hashlib
import random
import sys
from pathlib import Path

from station.domain.enrolment import Enrolment
from tests.stations import station_at, store_record


def main() -> None:
    folder, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    station = station_at(folder)
    print("ready", flush=True)
    i = 0
    while True:
        photo = rng.randbytes(40_000)
        e = Enrolment(nik=f"33240155089{seed % 10}{i % 10000:04d}", nama=f"Warga {seed}-{i}")
        uuid = store_record(station, e, photo)
        print(uuid, hashlib.sha256(photo).hexdigest(), e.nama, flush=True)
        i += 1


if __name__ == "__main__":
    main()
