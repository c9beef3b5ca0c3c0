"""Each check: a measured value, a pass/fail against GateConfig, and the words that say what to fix."""

from __future__ import annotations

import numpy as np

from station.quality.backdrop import colour_distance, hex_rgb
from station.quality.config import GateConfig
from station.quality.geometry import CHIN, CROWN_FACTOR, FACE_OVAL, FOREHEAD, FaceGeometry
from station.quality.imagestats import BackgroundStats, FaceStats, crop_corners_in_frame
from station.quality.occlusion import Coverage
from station.quality.verdict import Check

FACE_CHECKS = (
    "eye_distance",
    "crop_margin",
    "head_centred",
    "yaw",
    "pitch",
    "roll",
    "glasses",
    "brows_visible",
    "lower_face_visible",
    "eyes_open",
    "eyes_visible",
    "mouth_closed",
    "exposure",
    "clipping",
    "dynamic_range",
    "illumination",
    "sharpness",
    "background",
    "background_colour",
    "backdrop_year",
)


def face_count(n: int) -> Check:
    if n == 1:
        return Check("face_count", 1, True)
    if n == 0:
        return Check("face_count", 0, False, "Wajah tidak terlihat: minta warga menghadap kamera.")
    return Check("face_count", n, False, f"Terlihat {n} wajah: hanya warga yang difoto boleh ada di bingkai.")


def unmeasured() -> dict[str, Check]:
    return {n: Check(n, None, False) for n in FACE_CHECKS}


def _side(v: float, neg: str, pos: str) -> str:
    return pos if v > 0 else neg


def _inside(points: np.ndarray, frame_w: int, frame_h: int) -> float:
    """Smallest distance from the points to the frame's edges; negative when one is outside."""
    return float(
        min(points[:, 0].min(), points[:, 1].min(), frame_w - points[:, 0].max(), frame_h - points[:, 1].max())
    )


def crop_margin(g: FaceGeometry, frame_w: int, frame_h: int, allowance: float) -> float:
    """Room for the ID-photo crop. The head itself (crown estimate to chin, ear to ear) must be inside the
    frame; the crop box may run past the edge by `allowance` of its height, filled from the plain
    background at the border, so a still that is already an ICAO portrait is not refused for being tight."""
    p = g.landmarks[:, :2].astype(np.float64)
    chin, top = p[CHIN], p[FOREHEAD]
    crown = chin + (top - chin) * CROWN_FACTOR
    head = np.vstack([p[list(FACE_OVAL)], crown[None, :]])
    box_h = g.crop_box[3] - g.crop_box[1]
    return min(_inside(head, frame_w, frame_h), _inside(crop_corners_in_frame(g), frame_w, frame_h) + allowance * box_h)


def geometry_checks(g: FaceGeometry, frame_w: int, frame_h: int, cfg: GateConfig) -> list[Check]:
    out = []
    ied = g.eye_distance
    out.append(
        Check(
            "eye_distance", ied, ied >= cfg.min_eye_distance, "Wajah terlalu kecil: minta warga lebih dekat ke kamera."
        )
    )
    margin = crop_margin(g, frame_w, frame_h, cfg.crop_border_allowance)
    too_big = (g.crop_box[3] - g.crop_box[1]) > frame_h * (1 + 2 * cfg.crop_border_allowance)
    out.append(
        Check(
            "crop_margin",
            margin,
            margin >= 0,
            "Kepala terlalu dekat: minta warga mundur sedikit."
            if too_big
            else "Kepala terpotong bingkai: geser warga atau kamera agar kepala di tengah.",
        )
    )
    offset = (float(g.eyes_centre[0]) - frame_w / 2) / frame_w
    out.append(
        Check(
            "head_centred",
            offset,
            abs(offset) <= cfg.max_centre_offset,
            f"Kepala belum di tengah: geser ke {_side(offset, 'kanan', 'kiri')} layar.",
        )
    )
    out.append(
        Check(
            "yaw",
            g.yaw,
            abs(g.yaw) <= cfg.max_yaw,
            f"Wajah menoleh {abs(g.yaw):.0f} derajat: hadapkan lurus ke kamera.",
        )
    )
    out.append(
        Check(
            "pitch",
            g.pitch,
            abs(g.pitch) <= cfg.max_pitch,
            f"{_side(g.pitch, 'Turunkan', 'Angkat')} dagu sedikit ({abs(g.pitch):.0f} derajat).",
        )
    )
    out.append(
        Check("roll", g.roll, abs(g.roll) <= cfg.max_roll, f"Kepala miring {abs(g.roll):.0f} derajat: tegakkan kepala.")
    )
    out.append(
        Check(
            "mouth_closed", g.mouth_open, g.mouth_open <= cfg.max_mouth_open, "Mulut harus tertutup, ekspresi netral."
        )
    )
    return out


def face_checks(eyes_open: float, glasses: float, cover: Coverage, cfg: GateConfig) -> list[Check]:
    """What the face shows: both eyes open, no glasses, nothing over the brows or below the eyes."""
    return [
        Check(
            "glasses",
            glasses,
            glasses < cfg.max_glasses,
            "Lepas kacamata: foto KTP-el harus tanpa kacamata.",
        ),
        Check(
            "brows_visible",
            cover.brows,
            cover.brows >= cfg.min_brows_visible,
            "Alis dan dahi tertutup: rapikan rambut ke belakang, lepas topi atau penutup di atas alis.",
        ),
        Check(
            "lower_face_visible",
            cover.nose,
            cover.nose >= cfg.min_lower_face_visible,
            "Wajah bagian bawah tertutup: lepas masker atau penutup wajah.",
        ),
        Check(
            "eyes_open",
            eyes_open,
            eyes_open >= cfg.min_eyes_open,
            "Mata harus terbuka: minta warga membuka mata dan tidak berkedip.",
        ),
    ]


def image_checks(s: FaceStats, cfg: GateConfig) -> list[Check]:
    dark = s.brightness < cfg.min_face_brightness
    return [
        Check(
            "eyes_visible",
            s.eye_visibility,
            s.eye_visibility >= cfg.min_eye_visibility,
            "Mata tidak terlihat jelas: lepas kacamata gelap, singkirkan rambut dari mata.",
        ),
        Check(
            "exposure",
            s.brightness,
            cfg.min_face_brightness <= s.brightness <= cfg.max_face_brightness,
            "Wajah terlalu gelap: tambah cahaya dari depan."
            if dark
            else "Wajah terlalu terang: kurangi cahaya atau jauhkan lampu.",
        ),
        Check(
            "clipping",
            s.clipped,
            s.clipped <= cfg.max_clipped_fraction,
            "Sebagian wajah terlalu gelap/terang: ratakan cahaya di wajah.",
        ),
        Check(
            "dynamic_range",
            s.dynamic_range,
            s.dynamic_range >= cfg.min_dynamic_range,
            "Kontras wajah rendah: periksa cahaya dan bersihkan lensa kamera.",
        ),
        Check(
            "illumination",
            s.illumination,
            s.illumination >= cfg.min_illumination_ratio,
            f"Cahaya tidak rata: bayangan di sisi {'kiri' if s.darker_side == 'a' else 'kanan'} layar.",
        ),
        Check(
            "sharpness",
            s.sharpness,
            s.sharpness >= cfg.min_sharpness,
            "Foto kabur: minta warga diam sejenak, periksa fokus kamera.",
        ),
    ]


def background_checks(b: BackgroundStats, cfg: GateConfig, backdrop: tuple[str, str] | None = None) -> list[Check]:
    """Plain background; the office's fixed colour (RGB distance); the birth-year colour (hue, degrees)."""
    if b.edges is None:  # nothing behind the head is visible: nothing to object to
        plain = Check("background", None, True)
    else:
        ok = b.edges <= cfg.max_background_edges and (b.spread or 0) <= cfg.max_background_spread
        plain = Check(
            "background", b.edges, ok, "Latar belakang tidak polos: pakai tirai atau dinding polos di belakang warga."
        )
    if not cfg.required_background or b.rgb is None:
        colour = Check("background_colour", None, True)
    else:
        dist = float(np.linalg.norm(np.array(b.rgb, np.float64) - np.array(hex_rgb(cfg.required_background))))
        colour = Check(
            "background_colour",
            dist,
            dist <= cfg.max_background_colour_distance,
            f"Warna latar belum sesuai ketentuan ({cfg.required_background}).",
        )
    if backdrop is None or not cfg.backdrop_by_birth_year or b.rgb is None:
        year = Check("backdrop_year", None, True)
    else:
        name, code = backdrop
        hue = colour_distance(b.rgb, hex_rgb(code))
        year = Check(
            "backdrop_year",
            hue,
            hue <= cfg.max_backdrop_hue_difference,
            f"Latar harus {name} untuk warga ini (tahun lahir {'ganjil' if name == 'merah' else 'genap'}): "
            f"pasang tirai {name}.",
        )
    return [plain, colour, year]
