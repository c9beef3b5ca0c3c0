"""The photo-quality gate: numpy frames in, verdicts out. No Qt, no SQL.

Checks follow ISO/IEC 29794-5 (face image quality, OFIQ) and ICAO 9303 portrait rules, measured
from MediaPipe face-mesh landmarks (with iris), selfie segmentation and image statistics.
"""

from station.quality.config import GateConfig
from station.quality.gate import PhotoGate
from station.quality.verdict import Check, Verdict

__all__ = ["Check", "GateConfig", "PhotoGate", "Verdict"]
