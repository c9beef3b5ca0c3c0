"""The receipt's biometric lines: which fingers were captured, each one's quality ranked 1-10 (NFIQ 2 0-100 in
bands of ten, domain.biometrics.quality_band), the irises, the verification, and every exception with the
supervisor who confirmed it. Read from the record's quality summary ("biometrics"), so a reprint says the same."""

from __future__ import annotations

from station.domain.biometrics import ExceptionReason, Eye, FingerPosition, quality_band


def receipt_lines(meta: dict | None) -> list[str]:
    if not meta:
        return []
    fingers = meta.get("fingers") or {}
    lines = [f"Sidik jari terekam: {len(fingers)} dari 10 (mutu 1-10, 10 terbaik)"]
    for name, f in fingers.items():
        band = f.get("band") or quality_band(f.get("nfiq2"))
        lines.append(f"  {_finger(name)}: {band if band is not None else '-'}")
    for name, i in (meta.get("irises") or {}).items():
        band = i.get("band") or quality_band(i.get("quality"))
        lines.append(f"{_eye(name)}: mutu {band if band is not None else '-'}")
    for e in meta.get("exceptions") or []:
        what = FingerPosition(e["position"]).label if e["modality"] == "finger" else Eye(e["position"]).label
        reason = ExceptionReason(e["reason"]).label
        lines.append(f"Pengecualian {what}: {reason} (dikonfirmasi {e.get('supervisor', '?')})")
    v = meta.get("verification")
    if v:
        finger = _finger(v.get("position", ""))
        lines.append(f"Verifikasi {finger}: {'cocok' if v.get('matched') else 'tidak cocok'}")
    return lines


def _finger(name: str) -> str:
    try:
        return FingerPosition[name.upper()].label
    except KeyError:
        return name


def _eye(name: str) -> str:
    try:
        return Eye[name.upper()].label
    except KeyError:
        return name
