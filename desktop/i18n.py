"""Translations and fonts: the one place that decides the UI language.

Every visible string goes through `translate(CONTEXT, "English source text")`
(QCoreApplication.translate) with a literal context and text, so that
pyside6-lupdate finds it; scripts/build_translations extracts them into
resources/translations/kaidan_zh_CN.ts and compiles the .qm the app loads.
Use `QT_TRANSLATE_NOOP(CONTEXT, "text")` for module-level constants and
translate them where they are shown.
"""

from __future__ import annotations

import logging
import pathlib

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

RESOURCES_DIR = pathlib.Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
FONTS_DIR = RESOURCES_DIR / "fonts"
TRANSLATION_BASENAME = "kaidan"
CJK_FONT_FILE = "wqy-microhei.ttc"

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)

translate = QCoreApplication.translate

# Translators stay referenced here: Qt drops a QTranslator that Python collects.
_installed: list[QTranslator] = []


def resources_dir() -> pathlib.Path:
    return RESOURCES_DIR


def system_language() -> str:
    """Return the language of the OS locale: zh_CN for any Chinese locale, else English."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return CHINESE
    return ENGLISH


def choose_language(override: str | None) -> str:
    if override:
        if override not in LANGUAGES:
            raise ValueError(f"unknown language {override!r}; use one of {', '.join(LANGUAGES)}")
        return override
    return system_language()


def install_translations(app: QCoreApplication, language: str) -> bool:
    """Load Kaidan's and Qt's own translations for `language` into `app`.

    Returns False when Kaidan's .qm for a non-English language is missing, so
    the caller can warn; the UI then shows the English source text.
    """
    remove_translations(app)
    if language == ENGLISH:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _install_english_plurals(app)
        _install_button_keys(app)
        return True
    QLocale.setDefault(QLocale(language))

    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt's own strings (dialog buttons, context menus); missing files only log.
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    else:
        log.info("Qt's own %s translation not found in %s", language, qt_dir)

    translator = QTranslator(app)
    qm_path = TRANSLATIONS_DIR / f"{TRANSLATION_BASENAME}_{language}.qm"
    if not translator.load(str(qm_path)):
        log.error("translation file %s is missing or invalid; showing English", qm_path)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    log.info("loaded translation %s", qm_path)
    _install_button_keys(app)
    return True


def _install_english_plurals(app: QCoreApplication) -> None:
    """Load the English plural forms ("%n line(s)" as "1 line" or "2 lines"); the rest is the source text."""
    translator = QTranslator(app)
    qm_path = TRANSLATIONS_DIR / f"{TRANSLATION_BASENAME}_{ENGLISH}.qm"
    if not translator.load(str(qm_path)):
        log.warning("English plural forms %s are missing; counts read like \"1 line(s)\"", qm_path)
        return
    app.installTranslator(translator)
    _installed.append(translator)


def _install_button_keys(app: QCoreApplication) -> None:
    """Give the standard dialog buttons access keys; installed last, so it reads the texts it serves translated."""
    from desktop.button_keys import ButtonKeyTranslator

    translator = ButtonKeyTranslator(app)
    app.installTranslator(translator)
    _installed.append(translator)


def remove_translations(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def register_fonts() -> list[str]:
    """Register the bundled CJK font; return the font families it provides.

    Without it, Chinese text disappears silently from PDFs on a machine with
    no Chinese system font.
    """
    path = FONTS_DIR / CJK_FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.error("registering the font %s failed", path)
        return []
    families = QFontDatabase.applicationFontFamilies(font_id)
    log.info("registered font %s: %s", path.name, ", ".join(families))
    return list(families)
