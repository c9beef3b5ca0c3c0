"""The photo-quality gate: numpy frames in, verdicts out. No Qt, no SQL.

Checks follow ISO/IEC 29794-5 (face image quality, OFIQ) and ICAO 9303 portrait rules, measured
from MediaPipe face-mesh landmarks (with iris), selfie segmentation and image statistics.
"""

from station.quality.config import GateConfig

__all__ = ["Check", "GateConfig", "PhotoGate", "Verdict"]


def __getattr__(name: str):
    """PhotoGate (and MediaPipe behind it) load on first use: the central server needs GateConfig only."""
    if name == "PhotoGate":
        from station.quality.gate import PhotoGate

        return PhotoGate
    if name in ("Check", "Verdict"):
        from station.quality import verdict

        return getattr(verdict, name)
    raise AttributeError(name)
