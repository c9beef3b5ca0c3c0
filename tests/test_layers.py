"""The layering promises of DESIGN.md, checked on the source: Qt only in station/ui, SQL only in
station/storage (and the reference server), HTTP only in sync/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = {
    ("PySide6", "shiboken6"): ("station/ui/",),
    ("sqlalchemy", "sqlite3", "alembic"): ("station/storage/", "sync/server/"),
    ("requests", "httpx", "urllib3", "http.client"): ("sync/",),
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_each_library_stays_in_its_layer():
    offenders = []
    for path in sorted([*ROOT.glob("station/**/*.py"), *ROOT.glob("sync/**/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        for mod in imported(path):
            for libs, allowed in RULES.items():
                if any(mod == lib or mod.startswith(lib + ".") for lib in libs) and not rel.startswith(allowed):
                    offenders.append(f"{rel} imports {mod}")
    assert offenders == []


def test_domain_is_plain_python():
    for path in ROOT.glob("station/domain/*.py"):
        heavy = {m.split(".")[0] for m in imported(path)} & {"cv2", "numpy", "mediapipe", "PySide6", "sqlalchemy"}
        assert not heavy, f"{path.name} imports {heavy}"
