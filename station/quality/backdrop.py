"""The backdrop colour Dukcapil wants on the card: red for a citizen born in an odd year, blue for an even
one. An office option (GateConfig.backdrop_by_birth_year, off by default) checks it once the birth year is
known, and another (GateConfig.replace_backdrop) delivers the ID crop with the background replaced by the
official colour, using the person mask the gate already computed; the untouched frame is always kept.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.quality.config import GateConfig


def hex_rgb(text: str) -> tuple[int, int, int]:
    t = text.strip().lstrip("#")
    if len(t) != 6:
        raise ValueError(f"Kode warna tidak dikenal: {text!r} (contoh: #db1514).")
    return int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16)


def colour_for_year(year: int, cfg: GateConfig) -> tuple[str, str]:
    """(name, hex) of the official backdrop for a birth year: red odd, blue even."""
    return ("merah", cfg.backdrop_red) if year % 2 else ("biru", cfg.backdrop_blue)


def required_colour(cfg: GateConfig, birth_year: int | None) -> tuple[str, str] | None:
    """What the backdrop must be for this citizen, or None when nothing is required (yet)."""
    if cfg.backdrop_by_birth_year and birth_year is not None:
        return colour_for_year(birth_year, cfg)
    if cfg.required_background:
        return cfg.required_background, cfg.required_background
    return None


def hue_saturation(rgb: tuple[int, int, int]) -> tuple[float, float]:
    """Hue in degrees (0-360) and saturation (0-1), HSV."""
    px = np.uint8([[list(rgb)]])
    h, s, _ = cv2.cvtColor(px, cv2.COLOR_RGB2HSV_FULL)[0, 0]
    return float(h) * 360.0 / 256.0, float(s) / 255.0


def colour_distance(measured: tuple[int, int, int], wanted: tuple[int, int, int]) -> float:
    """Hue difference in degrees, or 180 when the measured backdrop has hardly any colour (white, grey).

    A camera's white balance and the office light move a red cloth's RGB far more than its hue, so a
    birth-year backdrop is judged by hue, with saturation to tell a coloured cloth from a white wall.
    """
    h1, s1 = hue_saturation(measured)
    h2, _ = hue_saturation(wanted)
    if s1 < 0.25:
        return 180.0
    d = abs(h1 - h2) % 360.0
    return float(min(d, 360.0 - d))


def replace_background(
    crop: np.ndarray, person: np.ndarray, to_crop: np.ndarray, colour: tuple[int, int, int]
) -> np.ndarray:
    """The crop with everything the person mask calls background painted `colour` (RGB).

    `person` is the selfie-segmentation probability on the shrunk frame and `to_crop` the 2x3 affine
    from that picture to the crop; the mask's soft edge blends hair into the new colour.
    """
    h, w = crop.shape[:2]
    alpha = cv2.warpAffine(person.astype(np.float32), to_crop, (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)
    alpha = cv2.GaussianBlur(np.clip((alpha - 0.25) / 0.5, 0.0, 1.0), (0, 0), max(1.0, w / 240))[..., None]
    fill = np.array(colour[::-1], np.float32)[None, None, :]
    return np.clip(crop.astype(np.float32) * alpha + fill * (1 - alpha), 0, 255).astype(np.uint8)
