"""Qt's standard dialog buttons get an access key in English and in Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.button_keys import ButtonKeyTranslator
from desktop.i18n import install_translations
from tests.desktop_orders.chinese_ui import chinese_from_ts

BUTTONS = QMessageBox.StandardButton


def button_texts() -> dict[str, str]:
    box = QMessageBox()
    box.setStandardButtons(BUTTONS.Discard | BUTTONS.Cancel | BUTTONS.Save | BUTTONS.Ok | BUTTONS.Yes | BUTTONS.No)
    texts = {name: box.button(getattr(BUTTONS, name)).text() for name in ("Discard", "Cancel", "Save", "Ok", "Yes", "No")}
    box.deleteLater()
    return texts


def test_english_buttons_have_access_keys(qapp):
    install_translations(qapp, "en")
    texts = button_texts()
    assert texts["Discard"] == "&Discard"
    assert texts["Cancel"] == "&Cancel"
    assert texts["Save"] == "&Save"
    assert texts["Ok"] == "&OK"
    for name, text in texts.items():
        assert "&" in text, name


def test_chinese_buttons_have_access_keys(qapp, tmp_path):
    with chinese_from_ts(tmp_path):
        translator = ButtonKeyTranslator(qapp)
        QApplication.installTranslator(translator)
        try:
            texts = button_texts()
        finally:
            QApplication.removeTranslator(translator)
    assert texts["Discard"] == "丢弃(&D)"
    assert texts["Cancel"] == "取消(&C)"
    assert texts["Save"] == "保存(&S)"
    assert texts["Ok"] == "确定(&O)"
    for name, text in texts.items():
        assert "&" in text, name
