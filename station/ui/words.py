"""The words the window shows for states and checks, through Qt's translation system (Indonesian source,
English in station_en.qm). Never a code such as `queued` or `mouth_closed` on the screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

RECORD_STATUS = {
    "draft": QT_TRANSLATE_NOOP("Words", "draf"),
    "captured": QT_TRANSLATE_NOOP("Words", "menunggu tinjauan"),
    "held": QT_TRANSLATE_NOOP("Words", "ditahan supervisor"),
    "queued": QT_TRANSLATE_NOOP("Words", "menunggu kirim"),
    "sent": QT_TRANSLATE_NOOP("Words", "terkirim"),
    "acknowledged": QT_TRANSLATE_NOOP("Words", "diterima pusat"),
    "rejected": QT_TRANSLATE_NOOP("Words", "ditolak"),
}
TICKET_STATUS = {
    "waiting": QT_TRANSLATE_NOOP("Words", "menunggu"),
    "called": QT_TRANSLATE_NOOP("Words", "dipanggil"),
    "skipped": QT_TRANSLATE_NOOP("Words", "ditunda"),
    "done": QT_TRANSLATE_NOOP("Words", "selesai"),
    "cancelled": QT_TRANSLATE_NOOP("Words", "dibatalkan"),
}
CHECKS = {
    "face_count": QT_TRANSLATE_NOOP("Words", "jumlah wajah"),
    "eye_distance": QT_TRANSLATE_NOOP("Words", "wajah terlalu kecil"),
    "crop_margin": QT_TRANSLATE_NOOP("Words", "kepala terpotong"),
    "head_centred": QT_TRANSLATE_NOOP("Words", "posisi tidak di tengah"),
    "yaw": QT_TRANSLATE_NOOP("Words", "kepala menoleh"),
    "pitch": QT_TRANSLATE_NOOP("Words", "kepala menunduk/mendongak"),
    "roll": QT_TRANSLATE_NOOP("Words", "kepala miring"),
    "eyes_open": QT_TRANSLATE_NOOP("Words", "mata tertutup"),
    "eyes_visible": QT_TRANSLATE_NOOP("Words", "mata tidak terlihat"),
    "mouth_closed": QT_TRANSLATE_NOOP("Words", "mulut terbuka"),
    "exposure": QT_TRANSLATE_NOOP("Words", "terlalu gelap/terang"),
    "clipping": QT_TRANSLATE_NOOP("Words", "cahaya berlebih"),
    "dynamic_range": QT_TRANSLATE_NOOP("Words", "kontras rendah"),
    "illumination": QT_TRANSLATE_NOOP("Words", "bayangan samping"),
    "sharpness": QT_TRANSLATE_NOOP("Words", "foto kabur"),
    "background": QT_TRANSLATE_NOOP("Words", "latar tidak polos"),
    "background_colour": QT_TRANSLATE_NOOP("Words", "warna latar"),
}
WAIVER_REASONS = {
    "kondisi_mata": QT_TRANSLATE_NOOP("Words", "Kondisi mata (mis. kelopak tidak dapat membuka, mata palsu)"),
    "disabilitas": QT_TRANSLATE_NOOP(
        "Words", "Disabilitas (tidak dapat menegakkan/menghadapkan kepala, tidak dapat menutup mulut)"
    ),
    "penutup_kepala_agama": QT_TRANSLATE_NOOP("Words", "Penutup kepala karena agama, wajah tetap terlihat penuh"),
}
CANCEL_REASONS = [
    QT_TRANSLATE_NOOP("Words", "Tidak hadir"),
    QT_TRANSLATE_NOOP("Words", "Dokumen tidak lengkap"),
    QT_TRANSLATE_NOOP("Words", "Permintaan warga"),
    QT_TRANSLATE_NOOP("Words", "Salah ambil nomor"),
]
ROLES = {"operator": QT_TRANSLATE_NOOP("Words", "operator"), "supervisor": QT_TRANSLATE_NOOP("Words", "supervisor")}


def _t(table: dict[str, str], key: str) -> str:
    return QCoreApplication.translate("Words", table[key]) if key in table else str(key)


def record_status(status: str) -> str:
    return _t(RECORD_STATUS, str(status))


def ticket_status(status: str) -> str:
    return _t(TICKET_STATUS, str(status))


def check_name(name: str) -> str:
    return _t(CHECKS, name)


def check_names(names) -> str:
    return ", ".join(check_name(n) for n in names)


def waiver_reason(key: str) -> str:
    return _t(WAIVER_REASONS, key)


def role_name(role: str) -> str:
    return _t(ROLES, str(role))
