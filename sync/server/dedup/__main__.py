"""The dedup worker: one per central database, beside the stateless API processes.

    python -m sync.server.dedup --db postgresql+psycopg://... [--once] [--interval 2]

Loads every decided record into memory, then decides new records oldest first as intake saves their fingers
(sync/server/dedup/store.py). Prints counts only, never personal data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from sync.server.db import open_engine
from sync.server.dedup.store import load_index, run_pending


def main() -> None:
    ap = argparse.ArgumentParser(
        prog="python -m sync.server.dedup", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    ap.add_argument("--once", action="store_true", help="decide what is pending, then stop")
    ap.add_argument("--interval", type=float, default=2.0, help="seconds between looks for new records")
    ap.add_argument("--parent", type=int, default=0, help=argparse.SUPPRESS)  # stop when this process is gone
    args = ap.parse_args()
    engine = open_engine(args.db)
    started = time.perf_counter()
    index = load_index(engine)
    print(json.dumps({"enrolled": len(index), "load_s": round(time.perf_counter() - started, 2)}), flush=True)
    while True:
        if args.parent and os.getppid() != args.parent:
            return  # the server that started this worker has gone
        try:
            counts = run_pending(engine, index)
        except Exception as err:  # the database away for a moment: log, look again later, keep the index
            if args.once:
                raise
            print(json.dumps({"error": type(err).__name__}), file=sys.stderr, flush=True)
            time.sleep(args.interval)
            continue
        if any(counts.values()) or args.once:
            print(json.dumps({**counts, "enrolled": len(index)}), flush=True)
        if args.once:
            return
        time.sleep(args.interval)


if __name__ == "__main__":
    main()
