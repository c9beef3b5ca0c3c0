"""The command line as scripts use it: real subprocesses, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tests.keys import PASSWORD  # noqa: E402


def station(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "station", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_check_photo_json_contract(faces_dir, data_dir, tmp_path):
    junk = tmp_path / "not-an-image.jpg"
    junk.write_bytes(b"definitely not a jpeg")
    good, group = faces_dir / "photos" / "img62.jpg", faces_dir / "photos" / "selfie-many-people.jpg"
    closed = faces_dir / "closed" / "closed_eye_0001.jpg_face_1.jpg"
    r = station("check-photo", str(good), str(junk), str(group), str(closed), "--json", "--data-dir", str(data_dir))
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["file"] for d in lines] == [str(good), str(junk), str(group), str(closed)]
    ok, bad, many, tight = lines
    for d in (ok, many, tight):
        assert set(d) >= {"file", "accepted", "faces", "eyes_open", "yaw", "pitch", "roll", "checks", "reasons"}
        assert all(set(c) == {"value", "ok"} for c in d["checks"].values())
        assert all(isinstance(c["ok"], bool) for c in d["checks"].values())
    assert ok["accepted"] is True and ok["faces"] == 1 and ok["eyes_open"] is True and ok["reasons"] == []
    assert isinstance(ok["yaw"], float) and abs(ok["roll"]) < 8
    assert "error" in bad and "gambar" in bad["error"]
    assert many["accepted"] is False and many["faces"] >= 3 and "face_count" in many["reasons"]
    assert tight["accepted"] is False and tight["reasons"]
    assert r.returncode == 1  # one file could not be judged


def test_check_photo_plain_text_tells_what_to_fix(faces_dir, data_dir):
    r = station("check-photo", str(faces_dir / "photos" / "img42.jpg"), "--data-dir", str(data_dir))
    assert r.returncode == 0 and "DITOLAK" in r.stdout and "Mulut harus tertutup" in r.stdout


def test_demo_data_then_info_in_the_folder_from_the_environment(faces_dir, data_dir, tmp_path):
    photos = tmp_path / "few"
    photos.mkdir()
    for name in ("img3.jpg", "img33.jpg"):
        (photos / name).write_bytes((faces_dir / "photos" / name).read_bytes())
    env = {"STATION_DATA_DIR": str(data_dir), "STATION_PASSWORD": PASSWORD}
    r = station("demo-data", "--count", "12", "--photos", str(photos), "--user", "spv", env=env)
    assert r.returncode != 0 and "belum disiapkan" in r.stderr  # no supervisor yet: nothing can be unlocked
    r = station("setup", "--station-id", "ST-9", "--kecamatan", "33.24.01", "--user", "spv", env=env)
    assert r.returncode == 0 and "KODE PEMULIHAN" in r.stdout, r.stderr
    r = station(
        "demo-data",
        "--count",
        "12",
        "--photos",
        str(photos),
        "--user",
        "spv",
        env={**env, "STATION_PASSWORD": "salah-sekali"},
    )
    assert r.returncode != 0 and "salah" in r.stderr
    r = station("demo-data", "--count", "12", "--photos", str(photos), "--user", "spv", env=env)
    assert r.returncode == 0, r.stderr
    assert (data_dir / "station.db").exists()
    info = json.loads(station("info", "--data-dir", str(data_dir)).stdout)
    assert info["records"] == {"queued": 12} and info["outbox"] == 12 and info["integrity"] == "ok"
    r = station("audit-verify", "--data-dir", str(data_dir))
    assert r.returncode == 0 and "utuh" in r.stdout


def test_help_is_readable_and_version_prints():
    r = station("--help")
    assert r.returncode == 0 and "check-photo" in r.stdout and "--data-dir" in r.stdout
    assert station("--version").stdout.startswith("station ")


def test_corrupt_database_gives_message_and_exit_code(data_dir):
    (data_dir / "station.db").write_bytes(b"garbage" * 1000)
    r = station("info", "--data-dir", str(data_dir))
    assert r.returncode == 3 and "rusak" in r.stderr and "Traceback" not in r.stderr


def test_papers_review_and_purge_from_the_command_line(faces_dir, data_dir, tmp_path):
    from station.services.station import Station

    env = {"STATION_DATA_DIR": str(data_dir), "STATION_PASSWORD": PASSWORD}
    photos = tmp_path / "few"
    photos.mkdir()
    (photos / "a.jpg").write_bytes((faces_dir / "photos" / "img3.jpg").read_bytes())
    assert station("setup", "--station-id", "ST-3", "--kecamatan", "33.24.01", "--user", "spv", env=env).returncode == 0
    assert station("demo-data", "--count", "3", "--photos", str(photos), "--user", "spv", env=env).returncode == 0
    with Station(data_dir) as st:
        st.accounts.login("spv", PASSWORD)
        uuid = st.records.find("")[0].uuid
        ticket = st.queue.issue()
    for kind, extra in [
        ("receipt", ["--uuid", uuid]),
        ("receipt", ["--uuid", uuid, "--thermal"]),
        ("ticket", ["--number", str(ticket.number)]),
        ("recap", []),
        ("progress", []),
        ("prr", []),
    ]:
        out = tmp_path / f"{kind}.pdf"
        r = station("report", kind, *extra, "--out", str(out), "--user", "spv", env=env)
        assert r.returncode == 0 and out.read_bytes().startswith(b"%PDF"), (kind, r.stderr)
    r = station("review", "--enable", "--user", "spv", env=env)
    assert r.returncode == 0 and "menyala" in r.stdout
    assert station("purge", "--days", "30", "--user", "spv", env=env).returncode == 0


def test_bad_input_gets_an_indonesian_message_and_an_exit_code_never_a_traceback(
    data_dir, tmp_path, monkeypatch, capsys
):
    from station import cli
    from station.domain.errors import ExitCode
    from tests.stations import new_station

    new_station(data_dir).close()
    monkeypatch.setenv("STATION_DATA_DIR", str(data_dir))
    monkeypatch.delenv("STATION_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)  # a script: nobody to ask for a password

    def run(*argv: str) -> tuple[int, str]:
        try:
            code = cli.main(list(argv))
        except SystemExit as stop:  # argparse refuses before any command runs
            code = stop.code
        err = capsys.readouterr().err
        assert "Traceback" not in err, err
        return code, err

    code, err = run("user", "list", "--user", "spv")
    assert code == ExitCode.INPUT and "$STATION_PASSWORD" in err
    monkeypatch.setenv("STATION_PASSWORD", "bukan-sandinya")
    code, err = run("user", "list", "--user", "spv")
    assert code == ExitCode.LOGIN and "salah" in err
    monkeypatch.setenv("STATION_PASSWORD", PASSWORD)
    code, err = run("report", "recap", "--out", str(tmp_path), "--user", "spv")
    assert code == ExitCode.INPUT and "folder" in err and not list(tmp_path.parent.glob("*.part"))
    code, err = run("report", "recap", "--date", "2024-13-01", "--out", str(tmp_path / "r.pdf"), "--user", "spv")
    assert code == ExitCode.INPUT and "YYYY-MM-DD" in err and "galat" in err
    code, err = run("demo-data", "--count", "-3", "--photos", str(tmp_path), "--user", "spv")
    assert code == ExitCode.INPUT and "bilangan bulat" in err
    for days in ("nan", "inf", "-5"):
        code, err = run("purge", "--days", days, "--user", "spv")
        assert code == ExitCode.INPUT and "masa simpan" in err
    (data_dir / "gate.json").write_text('{"max_yaw": "lima"')
    code, err = run("check-photo", str(tmp_path / "x.jpg"))
    assert code == ExitCode.INPUT and "gate.json" in err
    (data_dir / "gate.json").write_text('{"max_yaw": "lima"}')
    code, err = run("check-photo", str(tmp_path / "x.jpg"))
    assert code == ExitCode.INPUT and "max_yaw" in err
    (data_dir / "gate.json").unlink()

    def defect(args):
        raise RuntimeError("a bug, not an operator's doing")

    monkeypatch.setitem(cli.COMMANDS, "info", defect)
    code, err = run("info")
    assert code == ExitCode.FAILED and "Galat tak terduga" in err
    logs = "".join(p.read_text("utf-8") for p in (data_dir / "logs").glob("*.log*"))
    assert "RuntimeError: a bug" in logs  # the details are kept for whoever fixes it
