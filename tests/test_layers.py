"""The layering promises of DESIGN.md, checked on the source (every import, including those inside functions):

- Qt only in station/ui, SQL only in station/storage (and the reference server), HTTP only in sync/ and the
  device layers (the station's SBI client station/devices, the simulator devices/);
- the device simulator shares only the station's domain types (it stands in for a vendor's hardware);
- the window and the command line never import storage: they go through the services;
- storage never imports services; domain imports only the standard library; quality never imports storage;
- sync reaches storage only through the outbox interface;
- no module reaches into another object's private names (`other._name`).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LIBRARIES = {
    ("PySide6", "shiboken6"): ("station/ui/",),
    ("sqlalchemy", "sqlite3", "alembic"): ("station/storage/", "sync/server/"),
    ("requests", "httpx", "urllib3", "http.client"): ("sync/", "station/devices/", "devices/"),
}

# (files, forbidden module prefixes)
CONTRACTS = [
    (("station/ui/", "station/cli.py"), ("station.storage",)),
    (("station/storage/",), ("station.services", "station.ui", "station.cli", "sync")),
    (("station/quality/",), ("station.storage", "station.services", "station.ui", "sync")),
    (("station/reports/",), ("station.storage", "station.services", "station.ui", "sync")),
    (("station/services/",), ("station.ui", "station.cli")),
    (
        ("devices/",),
        ("station.biometrics", "station.devices", "station.services", "station.storage", "station.quality"),
    ),
]
OUTBOX_INTERFACE = {"Outbox", "Outgoing", "Answer"}
# station.resources only says where shipped files are (a few lines of pathlib): the region list reads through it.
DOMAIN_MAY_IMPORT = ("station.domain", "station.resources")


def sources() -> list[Path]:
    return sorted([*ROOT.glob("station/**/*.py"), *ROOT.glob("sync/**/*.py"), *ROOT.glob("devices/**/*.py")])


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names imported from it) for every import statement in the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [a.name for a in node.names]))
    return out


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def broken_contracts(files: list[Path]) -> list[str]:
    offenders = []
    for path in files:
        name = rel(path)
        for module, names in imports(path):
            for libs, allowed in LIBRARIES.items():
                if within(module, libs) and not name.startswith(allowed):
                    offenders.append(f"{name} imports {module} (only {', '.join(allowed)} may)")
            for where, forbidden in CONTRACTS:
                if name.startswith(where) and within(module, forbidden):
                    offenders.append(f"{name} imports {module}")
            if name.startswith("station/domain/"):
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and not within(module, DOMAIN_MAY_IMPORT):
                    offenders.append(f"{name} imports {module} (domain: standard library only)")
            outside = module not in ("station.storage", "station.storage.outbox") or set(names) - OUTBOX_INTERFACE
            if name.startswith("sync/") and within(module, ("station.storage",)) and outside:
                offenders.append(f"{name} imports {module}.{names} (sync: only the outbox interface)")
    return offenders


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_reaches(files: list[Path]) -> list[str]:
    """`x._name` where x is not self/cls, and `from m import _name`: another object's insides."""
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            own = (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            )
            if isinstance(node, ast.Attribute) and private(node.attr) and not own:
                found.append(f"{rel(path)}:{node.lineno} {ast.unparse(node)}")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(("station", "sync")):
                found += [f"{rel(path)}:{node.lineno} imports {a.name}" for a in node.names if private(a.name)]
    return found


def test_layer_contracts_hold():
    assert broken_contracts(sources()) == []


def test_no_module_reaches_into_another_objects_privates():
    assert private_reaches(sources()) == []


def test_the_contract_check_catches_a_forbidden_import(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    bad = tmp_path / "station" / "ui" / "sneaky.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("def f():\n    from station.storage import Database\n    return Database\n")
    domain = tmp_path / "station" / "domain" / "heavy.py"
    domain.parent.mkdir(parents=True)
    domain.write_text("import numpy\n")
    assert broken_contracts([bad, domain]) == [
        "station/ui/sneaky.py imports station.storage",
        "station/domain/heavy.py imports numpy (domain: standard library only)",
    ]
