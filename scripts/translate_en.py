# ruff: noqa: E501  (a table of sentences: one per line reads best)
"""Fill resources/translations/station_en.ts with the English texts, then compile it to .qm.

    .venv/bin/pyside6-lupdate station/ui/*.py -ts resources/translations/station_en.ts -no-obsolete
    .venv/bin/python scripts/translate_en.py

Indonesian is the source language of the interface; English is the second language.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "station_en.ts"

EN = {
    "Tanggal lahir": "Date of birth",
    "Saya sudah memeriksa peringatan di atas dengan dokumen warga": "I checked the warnings above against the citizen's documents",
    "Lanjut ke foto (Ctrl+Enter)": "On to the photo (Ctrl+Enter)",
    "{0} isian perlu diperbaiki": "{0} fields need fixing",
    "NIK ini sudah ada di stasiun: {0}. Periksa di Rekaman sebelum merekam lagi.": "This NIK is already on the station: {0}. Check Records before recording again.",
    "Mulai pertama": "First start",
    "Atur identitas stasiun sekali saja, lalu buat akun supervisor pertama. Tidak ada kata sandi bawaan.": "Set the station identity once, then create the first supervisor account. There is no default password.",
    "ID stasiun": "Station ID",
    "Kode kecamatan": "Kecamatan code",
    "Nama pengguna supervisor": "Supervisor user name",
    "Kata sandi (min. 8)": "Password (min. 8)",
    "Ulangi kata sandi": "Repeat password",
    "Kedua kata sandi tidak sama.": "The two passwords differ.",
    "Masuk": "Log in",
    "Stasiun {0} — masuk sebagai operator.": "Station {0} — log in as an operator.",
    "Nama pengguna": "User name",
    "Kata sandi": "Password",
    "Nama pengguna atau kata sandi salah.": "Wrong user name or password.",
    "Perekaman e-KTP — stasiun {0}": "e-KTP recording — station {0}",
    "Kamera: mati": "Camera: off",
    "Operator: {0}": "Operator: {0}",
    "Sinkronisasi: memulai": "Sync: starting",
    "Operator: (terkunci)": "Operator: (locked)",
    "Terkunci — masuk lagi": "Locked — log in again",
    "Sinkronisasi: belum terdaftar": "Sync: not registered",
    "Sinkronisasi: daring": "Sync: online",
    "Sinkronisasi: luring": "Sync: offline",
    ", {0} ditolak pusat": ", {0} rejected by the centre",
    "Menunggu kirim: {0}": "Waiting to send: {0}",
    "Kamera: menyiapkan": "Camera: starting",
    "Kamera: aktif": "Camera: on",
    "Kamera: masalah": "Camera: problem",
    "Bukti belum tercetak: {0}": "Receipt not printed: {0}",
    "Tersimpan: {0} ({1})": "Saved: {0} ({1})",
    "Foto diambil otomatis saat semua syarat terpenuhi dan warga diam sejenak.": "The photo is taken automatically once every check passes and the citizen holds still.",
    "Ulangi (F5)": "Retake (F5)",
    "Pengecualian ...": "Exception ...",
    "Menyiapkan kamera ...": "Starting the camera ...",
    "Belum ada yang dipanggil": "Nobody called yet",
    "Ambil nomor baru (F2)": "New ticket (F2)",
    "Panggil berikutnya (F3)": "Call next (F3)",
    "Lewati": "Skip",
    "Panggil ulang": "Recall",
    "Antrean hari ini": "Today's queue",
    "{0} menunggu, kuota {1} per hari": "{0} waiting, quota {1} a day",
    "Nomor {0} untuk hari ini.": "Ticket {0} for today.",
    "Kuota hari ini penuh: nomor {0} untuk {1:%A, %d-%m-%Y}.": "Today is full: ticket {0} for {1:%A, %d-%m-%Y}.",
    "Tidak ada yang menunggu": "Nobody waiting",
    "Dipanggil: {0}": "Called: {0}",
    "Dipanggil ulang: {0}": "Recalled: {0}",
    "Cari NIK atau nama ...": "Search NIK or name ...",
    "Waktu": "Time",
    "NIK": "NIK",
    "Nama": "Name",
    "Status": "Status",
    "Rekaman {0}": "Record {0}",
    "Terima dan simpan (Ctrl+S)": "Accept and save (Ctrl+S)",
    "Ambil ulang foto": "Retake the photo",
    "Dikecualikan: {0}": "Waived: {0}",
    "Pengecualian foto": "Photo exception",
    "Alasan": "Reason",
    "Keterangan": "Note",
    "Supervisor": "Supervisor",
    "Kata sandi supervisor": "Supervisor password",
    "Konfirmasi supervisor gagal.": "Supervisor confirmation failed.",
    "Kode pemulihan": "Recovery code",
    "Antrean": "Queue",
    "Biodata": "Biodata",
    "Foto": "Photo",
    "Tinjau": "Review",
    "Rekaman": "Records",
    "Batal": "Cancel",
    "Pengaturan ...": "Settings ...",
    "Stasiun": "Station",
    "Pengaturan": "Settings",
    "0 = webcam pertama; atau berkas video / folder gambar": "0 = first webcam; or a video file / image folder",
    "Pilih ...": "Choose ...",
    "Kamera": "Camera",
    "Kuota antrean per hari": "Daily queue quota",
    "Kunci setelah diam (menit)": "Lock after idle (minutes)",
    "Nama kantor": "Office name",
    "Alamat kantor": "Office address",
    "Video kamera pengganti": "Stand-in camera video",
    "Hanya supervisor yang dapat mengubah pengaturan.": "Only a supervisor can change the settings.",
    "Tinjauan supervisor ...": "Supervisor review ...",
    "Tinjauan supervisor": "Supervisor review",
    "Alasan menahan/menolak (dilihat operator)": "Reason to hold/reject (the operator sees it)",
    "Setujui": "Approve",
    "Tahan": "Hold",
    "Tolak": "Reject",
    "Pilih rekaman dulu.": "Choose a record first.",
}


def main() -> None:
    tree = ET.parse(TS)
    missing = []
    for msg in tree.iter("message"):
        source = msg.findtext("source")
        tr = msg.find("translation")
        if source in EN:
            tr.text = EN[source]
            tr.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    if missing:
        print("untranslated:", missing)


if __name__ == "__main__":
    main()
