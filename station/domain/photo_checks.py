"""The photo gate's checks in the operator's words: every place a check is named to a person (the window, a
refused exception, the daily recap) uses these, never the code (`mouth_closed`)."""

from __future__ import annotations

CHECK_WORDS = {
    "face_count": "jumlah wajah",
    "eye_distance": "wajah terlalu kecil",
    "crop_margin": "kepala terpotong",
    "head_centred": "posisi tidak di tengah",
    "yaw": "kepala menoleh",
    "pitch": "kepala menunduk/mendongak",
    "roll": "kepala miring",
    "eyes_open": "mata tertutup",
    "eyes_visible": "mata tidak terlihat",
    "mouth_closed": "mulut terbuka",
    "exposure": "terlalu gelap/terang",
    "clipping": "cahaya berlebih",
    "dynamic_range": "kontras rendah",
    "illumination": "bayangan samping",
    "sharpness": "foto kabur",
    "background": "latar tidak polos",
    "background_colour": "warna latar",
}


def check_words(names) -> str:
    """'kepala menoleh, mulut terbuka' for ('yaw', 'mouth_closed')."""
    return ", ".join(CHECK_WORDS.get(n, n) for n in names)
