"""A writer killed with SIGKILL in the middle of a stream of commits, many times, loses nothing it committed."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.stations import station_at

ROUNDS = 25


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_mid_commit_loses_no_committed_record(tmp_path: Path):
    rng = random.Random(7)
    committed: dict[str, tuple[str, str]] = {}
    writer = Path(__file__).with_name("crash_writer.py")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    for round_no in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, str(writer), str(tmp_path), str(round_no)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            parts = line.split(" ", 2)
            if len(parts) == 3 and len(parts[1]) == 64:  # a torn last line is not a returned commit
                committed[parts[0]] = (parts[1], parts[2])
        assert proc.returncode == -signal.SIGKILL
    assert len(committed) > ROUNDS  # the writers did get work done before each kill
    with station_at(tmp_path) as station:
        assert station.info()["integrity"] == "ok"
        for uuid, (sha, name) in committed.items():
            rec = station.records.get(uuid)
            assert rec.photos["crop"].sha256 == sha and rec.enrolment.nama == name
        assert station.records.waiting_to_sync() >= len(committed)
