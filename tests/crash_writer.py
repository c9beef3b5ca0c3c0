"""Writer process for the crash test: commits records forever, printing each UUID once accept() returned."""

import hashlib
import random
import sys
from pathlib import Path

from station.domain.enrolment import Enrolment
from station.storage import RecordStore
from tests.keys import TEST_KEY


def main() -> None:
    folder, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    store = RecordStore.in_folder(folder, TEST_KEY)
    print("ready", flush=True)
    i = 0
    while True:
        photo = rng.randbytes(40_000)
        e = Enrolment(nik=f"33240155089{seed % 10}{i % 10000:04d}", nama=f"Warga {seed}-{i}")
        uuid = store.accept(e, crop=photo, operator="crash")
        print(uuid, hashlib.sha256(photo).hexdigest(), e.nama, flush=True)
        i += 1


if __name__ == "__main__":
    main()
