"""Rekap harian per station and operator, the progress report against the kabupaten's targets, and the PRR
list for the announcement board."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from station.domain.photo_checks import CHECK_WORDS
from station.reports.common import Office, draw_header, mask_name, mask_nik, new_canvas
from station.reports.ticket import tanggal


@dataclass
class OperatorDay:
    station_id: str
    operator: str
    recorded: int = 0
    exceptions: int = 0
    synced: int = 0
    waiting: int = 0
    rejected: int = 0
    gate_refusals: Counter = field(default_factory=Counter)


def _table(c, data: list[list[str]], x: float, y: float, widths: list[float]) -> float:
    t = Table(data, colWidths=widths)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    _, h = t.wrapOn(c, sum(widths), 200 * mm)
    t.drawOn(c, x, y - h)
    return y - h - 6 * mm


def build_daily_recap(day: dt.date, rows: list[OperatorDay], office: Office) -> bytes:
    c, buf = new_canvas(A4)
    w, h = A4
    x, width = 18 * mm, w - 36 * mm
    y = draw_header(c, office, "REKAP HARIAN PEREKAMAN KTP-EL", x, h - 15 * mm, width)
    c.setFont("Helvetica", 10)
    c.drawString(x, y, f"Tanggal: {tanggal(day)}")
    y -= 8 * mm
    data = [["Stasiun", "Operator", "Direkam", "Pengecualian", "Terkirim", "Menunggu", "Ditolak"]]
    total = OperatorDay("JUMLAH", "")
    for r in rows:
        data.append(
            [
                r.station_id,
                r.operator,
                str(r.recorded),
                str(r.exceptions),
                str(r.synced),
                str(r.waiting),
                str(r.rejected),
            ]
        )
        for f in ("recorded", "exceptions", "synced", "waiting", "rejected"):
            setattr(total, f, getattr(total, f) + getattr(r, f))
        total.gate_refusals.update(r.gate_refusals)
    data.append(
        [
            "JUMLAH",
            "",
            str(total.recorded),
            str(total.exceptions),
            str(total.synced),
            str(total.waiting),
            str(total.rejected),
        ]
    )
    y = _table(c, data, x, y, [28 * mm, 38 * mm, 20 * mm, 26 * mm, 20 * mm, 22 * mm, 20 * mm])
    c.setFont("Helvetica-Bold", 10)
    c.drawString(x, y, "Foto yang harus diulang, menurut alasan (jumlah warga)")
    y -= 4 * mm
    refusals = [["Alasan", "Warga"]] + [[CHECK_WORDS.get(k, k), str(v)] for k, v in total.gate_refusals.most_common()]
    if len(refusals) == 1:
        refusals.append(["(tidak ada)", "0"])
    y = _table(c, refusals, x, y, [90 * mm, 30 * mm])
    y = min(y, 80 * mm)
    c.setFont("Helvetica", 10)
    c.drawString(x + width - 70 * mm, y, f"{office.kabupaten or ''}, {tanggal(day)}")
    c.drawString(x + width - 70 * mm, y - 6 * mm, f"Mengetahui, {office.head_title}")
    c.line(x + width - 70 * mm, y - 30 * mm, x + width, y - 30 * mm)
    c.drawString(x + width - 70 * mm, y - 35 * mm, office.head_name or "(nama dan tanda tangan)")
    c.drawString(x, y, "Dibuat oleh operator:")
    c.line(x, y - 30 * mm, x + 60 * mm, y - 30 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class Indicator:
    name: str  # e.g. "Perekaman KTP-el"
    target: float  # percent
    achieved: float  # percent


def build_progress(day: dt.date, indicators: list[Indicator], wajib_ktp: int, recorded: int, office: Office) -> bytes:
    c, buf = new_canvas(A4)
    w, h = A4
    x, width = 18 * mm, w - 36 * mm
    y = draw_header(c, office, "LAPORAN CAPAIAN ADMINDUK", x, h - 15 * mm, width)
    c.setFont("Helvetica", 10)
    wajib = f"{wajib_ktp:,} jiwa".replace(",", ".") if wajib_ktp else "belum diatur (Pengaturan: jumlah wajib KTP)"
    c.drawString(x, y, f"Per {tanggal(day)} — wajib KTP: {wajib}, terekam: {recorded:,}".replace(",", "."))
    y -= 8 * mm
    data = [["Indikator", "Target (%)", "Capaian (%)", "Selisih"]] + [
        [i.name, f"{i.target:.1f}", f"{i.achieved:.1f}", f"{i.achieved - i.target:+.1f}"] for i in indicators
    ]
    y = _table(c, data, x, y, [70 * mm, 30 * mm, 30 * mm, 30 * mm])
    d = Drawing(width, 90 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45 * mm, 10 * mm, width - 60 * mm, 70 * mm
    chart.data = [[i.target for i in indicators], [i.achieved for i in indicators]]
    chart.categoryAxis.categoryNames = [i.name for i in indicators]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.bars[0].fillColor = colors.HexColor("#b0b7c3")
    chart.bars[1].fillColor = colors.HexColor("#1e8449")
    d.add(chart)
    d.add(String(45 * mm, 84 * mm, "abu-abu: target   hijau: capaian", fontSize=8))
    renderPDF.draw(d, c, x, y - 90 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class PrrEntry:
    nama: str
    nik: str
    recorded_on: dt.date


def build_prr(day: dt.date, entries: list[PrrEntry], office: Office) -> bytes:
    """Print-ready-record list: recorded but not yet printed; names and NIKs masked for a public board."""
    c, buf = new_canvas(A4)
    w, h = A4
    x, width = 18 * mm, w - 36 * mm
    y = draw_header(c, office, "DAFTAR PRR (SUDAH DIREKAM, BELUM DICETAK)", x, h - 15 * mm, width)
    c.setFont("Helvetica", 10)
    c.drawString(x, y, f"Per {tanggal(day)}. Data disamarkan sesuai UU 27/2022 (Pelindungan Data Pribadi).")
    y -= 8 * mm
    per_page = 40
    for start in range(0, max(1, len(entries)), per_page):
        chunk = entries[start : start + per_page]
        data = [["No", "Nama", "NIK", "Tgl rekam"]] + [
            [str(start + i + 1), mask_name(e.nama), mask_nik(e.nik), f"{e.recorded_on:%d-%m-%Y}"]
            for i, e in enumerate(chunk)
        ]
        if not entries:
            data.append(["-", "(tidak ada rekaman yang menunggu cetak)", "", ""])
        _table(c, data, x, y, [12 * mm, 70 * mm, 50 * mm, 30 * mm])
        c.showPage()
        y = h - 20 * mm
    c.save()
    return buf.getvalue()
