"""The zh_CN translation compiled from the .ts in the checkout, so tests see strings added since the .qm was built."""

from __future__ import annotations

import contextlib
import pathlib
import subprocess
import sys
from collections.abc import Iterator

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from desktop.i18n import TRANSLATIONS_DIR, install_translations, remove_translations

TS_PATH = TRANSLATIONS_DIR / "kaidan_zh_CN.ts"


@contextlib.contextmanager
def chinese_from_ts(folder: pathlib.Path) -> Iterator[None]:
    """Install the zh_CN translation built from the .ts into `folder`; English again on exit."""
    app = QApplication.instance()
    qm_path = folder / "kaidan_zh_CN.qm"
    lrelease = pathlib.Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS_PATH), "-qm", str(qm_path)], check=True, capture_output=True)
    remove_translations(app)
    translator = QTranslator(app)
    assert translator.load(str(qm_path)), f"{qm_path} did not load"
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)
        install_translations(app, "en")
