"""The one stylesheet: spacing, type sizes and the colours of states. Widgets say what they are (an objectName or
a `state` property) and never set a colour themselves."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

ERROR = "#c0392b"  # red: refused until fixed
WARNING = "#b9770e"  # amber: allowed once confirmed
OK = "#1e8449"  # green: done, go
INFO = "#1f4e79"  # blue: the office's own colour (header)
MUTED = "#5d6d7e"

STYLE = f"""
* {{ font-size: 11pt; }}
QMainWindow, QDialog {{ background: #f7f9fb; }}
QLabel#error, QLabel[state="error"] {{ color: {ERROR}; }}
QLabel#warning, QLabel[state="warning"] {{ color: {WARNING}; }}
QLabel[state="ok"] {{ color: {OK}; }}
QLabel#muted {{ color: {MUTED}; font-size: 10pt; }}
QLabel#big {{ font-size: 20pt; font-weight: bold; }}
QLabel#title {{ font-size: 14pt; font-weight: bold; }}
QLabel#code {{ font-family: monospace; font-size: 22pt; font-weight: bold; letter-spacing: 2px;
              background: white; border: 2px dashed {INFO}; padding: 12px; }}
QLabel#fieldmsg {{ font-size: 9pt; }}
QLabel#fieldmsg[state="error"] {{ color: {ERROR}; }}
QLabel#fieldmsg[state="warning"] {{ color: {WARNING}; }}
QLineEdit, QComboBox, QSpinBox {{ padding: 3px 6px; min-height: 22px; border: 1px solid #aab7c4;
                                  border-radius: 3px; background: white; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 2px solid {INFO}; }}
QLineEdit[state="error"], QComboBox[state="error"] {{ border: 1px solid {ERROR}; background: #fdf0ef; }}
QLineEdit[state="warning"], QComboBox[state="warning"] {{ border: 1px solid {WARNING}; background: #fef6e7; }}
QLineEdit[auto="true"] {{ background: #eef6ee; }}
QComboBox QAbstractItemView {{ background: white; color: black; selection-background-color: {INFO};
                               selection-color: white; }}
QComboBox QAbstractItemView::item {{ min-height: 22px; padding: 1px 6px; border: none; }}
QComboBox QAbstractItemView::item:selected {{ background: {INFO}; color: white; }}
QPushButton {{ padding: 6px 14px; border: 1px solid #8a9aab; border-radius: 4px; background: #ffffff; }}
QPushButton:hover {{ background: #eaf1f8; }}
QPushButton:disabled {{ color: #a0a8b0; border-color: #d0d6dc; }}
QPushButton#primary {{ background: {OK}; color: white; font-weight: bold; border-color: {OK}; }}
QPushButton#primary:disabled {{ background: #a9cbb5; border-color: #a9cbb5; }}
QPushButton#danger {{ color: {ERROR}; border-color: {ERROR}; }}
QPushButton#flat {{ border: none; background: transparent; padding: 2px 8px; }}
QPushButton#link[state="muted"] {{ color: {MUTED}; }}
QPushButton#link[state="error"] {{ color: {ERROR}; }}
QPushButton#link {{ border: none; color: {INFO}; text-decoration: underline; background: transparent;
                    padding: 2px; }}
QWidget#header {{ background: {INFO}; }}
QWidget#header QLabel {{ color: white; }}
QLabel#office {{ font-size: 13pt; font-weight: bold; }}
QListWidget#nav {{ background: #e9eef3; border: none; font-size: 12pt; }}
QListWidget#nav::item {{ padding: 10px 8px; }}
QListWidget#nav::item:selected {{ background: {INFO}; color: white; }}
QFrame#counter {{ background: white; border: 1px solid #d5dde5; border-radius: 6px; }}
QLabel#counterValue {{ font-size: 24pt; font-weight: bold; color: {INFO}; }}
QLabel#counterLabel {{ color: {MUTED}; font-size: 10pt; }}
QFrame#banner[state="ok"] {{ background: #e3f4e8; border: 1px solid {OK}; }}
QFrame#banner[state="error"] {{ background: #fbe5e3; border: 1px solid {ERROR}; }}
QFrame#banner[state="warning"] {{ background: #fdf2dc; border: 1px solid {WARNING}; }}
QWidget#lockcover {{ background: #2c3e50; }}
QWidget#lockcover QLabel {{ color: white; font-size: 18pt; }}
QWidget#display {{ background: #10263d; }}
QWidget#display QLabel {{ color: white; }}
QLabel#displayNumber {{ font-size: 120pt; font-weight: bold; color: #f9e79f; }}
QLabel#displayCaption {{ font-size: 28pt; }}
QLabel#displayCounter {{ font-size: 36pt; font-weight: bold; }}
QLabel#displaySmall {{ font-size: 16pt; color: #d6e4f0; }}
QPushButton#big {{ font-size: 22pt; padding: 18px 40px; }}
QPushButton#bigok {{ font-size: 22pt; padding: 18px 40px; background: {OK}; color: white; border-color: {OK}; }}
QTableWidget {{ background: white; gridline-color: #e1e6eb; }}
QHeaderView::section {{ background: #e9eef3; padding: 4px; border: none; font-weight: bold; }}
"""


def set_state(widget: QWidget, state: str) -> None:
    """'error', 'warning', 'ok' or '': the stylesheet colours it; re-polished so the change shows at once."""
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
