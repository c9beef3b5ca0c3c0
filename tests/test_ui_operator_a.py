"""What a new operator met in the window (opfix-a), driven as they did it: keys to whatever has the focus, clicks
on what is on screen. Headless (QT_QPA_PLATFORM=offscreen), real store."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from station.domain.antrean import TicketStatus  # noqa: E402
from station.domain.errors import InvalidInput  # noqa: E402
from tests.stations import new_station  # noqa: E402
from tests.ui_driver import KK, NIK, click, click_item, focused, key, make_window, on_modal, type_text  # noqa: E402


# 1. Cancel with a reason typed and Enter: the ticket is cancelled; no reason: said beside the field --------------
def test_cancel_reason_typed_then_enter_cancels_like_the_button(qtbot, station, data_dir):
    from station.ui.queue_page import CancelDialog

    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    page = window.queue_page
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F2)
    click_item(page.list, 1)  # A-002, menunggu
    seen: dict = {}

    def empty_then_own_reason(dialog) -> None:
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(Qt.Key.Key_Backspace)
        key(Qt.Key.Key_Return)  # no reason: the dialog stays and says so
        seen["stayed"] = dialog.isVisible()
        seen["error"] = dialog.error.text()
        type_text("KK asli tertinggal di rumah")
        seen["cleared"] = dialog.error.text()
        key(Qt.Key.Key_Return)

    ran = on_modal(CancelDialog, empty_then_own_reason)
    click(page.cancel_btn)
    assert ran
    assert seen == {"stayed": True, "error": "Tulis alasan pembatalan nomor antrean.", "cleared": ""}
    b = station.queue.tickets()[1]
    assert b.status is TicketStatus.CANCELLED and b.note == "KK asli tertinggal di rumah"
    assert "KK asli tertinggal di rumah" in page.list.item(1).text()
    window.close()


def test_cancel_without_a_reason_is_refused_in_words(data_dir):
    st = new_station(data_dir)
    try:
        t = st.queue.issue()
        for reason in (None, "", "  "):
            with pytest.raises(InvalidInput, match="alasan"):
                st.queue.cancel(t.id, reason)
        assert st.queue.get(t.id).status is TicketStatus.WAITING
    finally:
        st.close()


# 2. Enter or Tab after a whole NIK (or No. KK) only confirms the jump already made ------------------------------
@pytest.mark.parametrize("leave", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_enter_or_tab_after_the_nik_jump_stays_in_no_kk(qtbot, station, data_dir, leave):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    page = window.biodata_page
    qtbot.waitUntil(lambda: focused() is page.inputs["nik"])
    type_text(NIK)
    assert focused() is page.inputs["no_kk"]  # the automatic jump stays
    key(leave)  # the operator "leaves the NIK", as F1 says
    assert focused() is page.inputs["no_kk"]
    type_text(KK)
    assert focused() is page.inputs["nama"]
    key(leave)  # the same after the No. KK's own jump
    assert focused() is page.inputs["nama"]
    type_text("Siti")
    key(leave)  # any other key first: Enter and Tab move on again
    assert focused() is not page.inputs["nama"]
    assert page.inputs["no_kk"].text() == KK and page.inputs["nama"].text() == "Siti"
    window.close()


def test_a_key_typed_after_the_jump_ends_the_swallowing(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    page = window.biodata_page
    qtbot.waitUntil(lambda: focused() is page.inputs["nik"])
    type_text(NIK)
    type_text("3")
    key(Qt.Key.Key_Backspace)
    key(Qt.Key.Key_Return)  # not the first key in No. KK: it moves on
    assert focused() is page.inputs["nama"]
    window.close()


# 3. Tunda on the queue page sets the citizen at the counter aside, draft kept, and stays on the queue -----------
def test_tunda_on_the_queue_page_sets_the_called_citizen_aside(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    page = window.queue_page
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F2)
    assert page.message.text() == "Nomor A-002 untuk hari ini."
    key(Qt.Key.Key_F3)  # A-001 at the counter
    qtbot.waitUntil(lambda: focused() is window.biodata_page.inputs["nik"])
    type_text(NIK)
    type_text("Siti")  # into No. KK: a draft is started either way
    click_item(window.nav, 0)  # Antrean
    assert window.stack.currentWidget() is page
    assert page.message.text() == ""  # the A-002 notice belonged to before the call
    click_item(page.list, 0)  # A-001, dipanggil
    click(page.cancel_btn)
    assert "selesaikan atau tunda dulu" in page.message.text()
    click(page.skip_btn)
    assert window.stack.currentWidget() is page  # stays on the queue
    a = station.queue.tickets()[0]
    assert a.status is TicketStatus.SKIPPED and a.record_uuid  # set aside with its draft
    [draft] = station.records.find(NIK)
    assert draft.uuid == a.record_uuid and draft.status == "draft"
    assert page.message.text() == "Nomor A-001: ditunda."
    assert "Belum ada yang dilayani" in page.current.text() and not page.resume_btn.isVisible()
    assert "ditunda" in page.list.item(0).text() and "(ada draf)" in page.list.item(0).text()
    key(Qt.Key.Key_F3)  # nobody at the counter now: nothing to ask, A-002 is called
    assert window.stack.currentWidget() is window.biodata_page
    assert station.queue.tickets()[1].status is TicketStatus.CALLED
    click_item(window.nav, 0)
    assert page.message.text() == ""  # "A-001: ditunda" was said before A-002 came
    window.close()
