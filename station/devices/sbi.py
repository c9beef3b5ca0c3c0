"""SBI 0.9.5 vocabulary the station needs: error codes as plain Indonesian for the operator, and the
one exception every device failure raises."""

from __future__ import annotations

from station.domain.errors import StationError

SPEC_VERSION = "0.9.5"
PORTS = range(4501, 4601)

# SBI 0.9.5 error codes (MOSIP's specification, section 10, and the codes its reference device service
# uses), as the operator should read them: what happened and what to do.
MESSAGES = {
    "0": "Berhasil.",
    "100": "Pemindai belum terdaftar: hubungi admin untuk mendaftarkan perangkat.",
    "101": "Tidak ada jari atau mata yang terbaca: tempelkan jari/arahkan mata dengan benar lalu ulangi.",
    "102": "Pemindai gagal mengolah gambar: ulangi perekaman.",
    "103": "Pemindai terdeteksi dibongkar/dirusak: jangan dipakai, laporkan ke admin.",
    "104": "Pemindai tidak dapat menghubungi server pengelolanya: periksa jaringan atau hubungi admin.",
    "105": "Arah gambar salah: posisikan tangan/mata dengan benar lalu ulangi.",
    "106": "Pemindai tidak ditemukan: periksa kabel USB lalu ulangi.",
    "107": "Kunci perangkat sudah kedaluwarsa: hubungi admin.",
    "108": "Kunci enkripsi pusat tidak tersedia di perangkat: hubungi admin.",
    "109": "Jumlah jari/iris yang diminta tidak didukung pemindai ini.",
    "110": "Pemindai belum siap (terlepas atau mati): periksa kabel USB, tunggu lampunya menyala, lalu ulangi.",
    "111": "Pemindai sedang dipakai: tunggu sebentar lalu ulangi.",
    "112": "Nomor transaksi ditolak pemindai: ulangi perekaman.",
    "601": "Pratinjau tidak tersedia pada perangkat autentikasi.",
    "609": "Waktu pratinjau habis.",
    "700": "Perekaman gagal karena pratinjau terhenti: ulangi.",
    "701": "Waktu perekaman habis: minta warga menempelkan jari/menatap pemindai lagi, lalu ulangi.",
    "703": "Perekaman lain masih berjalan di pemindai ini: tunggu sebentar lalu ulangi.",
    "706": "Perangkat ini bukan untuk perekaman (registrasi).",
    "707": "Pemindai tidak mengirim jari/mata yang diminta.",
    "709": "Perangkat ini hanya untuk autentikasi, bukan perekaman.",
    # conditions the station itself finds
    "offline": "Layanan pemindai tidak menjawab: pastikan pemindai terpasang dan layanannya berjalan.",
    "timeout": "Pemindai tidak menjawab dalam batas waktu: periksa kabel lalu ulangi.",
    "protocol": "Jawaban pemindai tidak sesuai standar SBI: hubungi admin.",
    "transaction": "Jawaban pemindai bukan untuk permintaan ini: ulangi perekaman.",
}


def message(code: str) -> str:
    code = str(code).strip()
    if code in MESSAGES:
        return MESSAGES[code]
    if code.startswith(("11", "12")):
        return f"Permintaan ke pemindai tidak cocok (kode {code}): laporkan ke admin."
    if code.startswith(("5", "6", "7", "8")):
        return f"Pemindai melaporkan kesalahan (kode {code}): ulangi, atau cabut dan pasang lagi pemindai."
    return f"Kesalahan pemindai (kode {code}): ulangi perekaman."


class DeviceError(StationError):
    """A device could not do what was asked. `code` is the SBI error code (or the station's own:
    offline, timeout, protocol, transaction, untrusted); `str(err)` is the operator's message."""

    exit_code = 8

    def __init__(self, code: str, text: str | None = None):
        self.code = str(code)
        super().__init__(text or message(self.code))
