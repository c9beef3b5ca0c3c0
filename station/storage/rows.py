"""Small JSON values kept in the settings table by the repository that owns each key."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from station.storage.models import SettingRow


def read_json(s: Session, key: str, default: Any = None) -> Any:
    row = s.get(SettingRow, key)
    return json.loads(row.value) if row else default


def write_json(s: Session, key: str, value: Any) -> None:
    s.merge(SettingRow(key=key, value=json.dumps(value, ensure_ascii=False)))
