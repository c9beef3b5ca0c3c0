"""The window's language, through Qt's translation system only.

Indonesian is the source language of our own texts; `station_en.qm` turns them into English. Qt's own words
(dialog buttons, the print dialog, the line-edit menu) are English in Qt, and no Indonesian catalogue ships with
the wheel, so `qt_id.qm` (built by scripts/translate_en.py) carries them. Dates, day and month names follow the
default QLocale: id_ID or en_GB.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTranslator

from station.resources import resource

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_current = ["id"]


def current_language() -> str:
    return _current[0]


def install_language(app: QCoreApplication, language: str) -> bool:
    """Our texts and Qt's in `language` ("id" or "en"); False (and Indonesian) for anything else."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    if language not in LANGUAGES:
        language = "id"
        ok = False
    else:
        ok = True
    catalogues = [f"translations/qt_{language}.qm", f"translations/station_{language}.qm"]
    for name in catalogues:
        path = resource(name)
        if not path.exists():
            continue  # Indonesian needs no station_id.qm, English no qt_en.qm
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
        else:
            ok = False
    QLocale.setDefault(LOCALES[language])
    _current[0] = language
    return ok


def tr(text: str, context: str = "station") -> str:
    return QCoreApplication.translate(context, text)


def long_date(day: dt.date) -> str:
    """'Kamis, 26 November 2026' (or 'Thursday, 26 November 2026')."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "dddd, d MMMM yyyy")


def short_date(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "dd-MM-yyyy")


def date_time(when: dt.datetime) -> str:
    """An office-time moment as the window shows it: '26-11-2026 09:14'."""
    q = QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
    return QLocale().toString(q, "dd-MM-yyyy HH:mm")
