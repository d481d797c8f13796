"""Both languages: every visible string of every screen is translated in zh_CN, none Chinese in English."""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from desktop.views.login_dialog import LoginDialog
from tests.desktop.helpers import close_window, open_window
from tests.desktop.screen_text import CJK, TS_PATH, collect_strings, source_pattern, translation_entries

QM_PATH = TS_PATH.with_suffix(".qm")
BIN = pathlib.Path(sys.executable).parent
REPO = TS_PATH.parents[2]

# Text made from data, never translated: the user, the server address.
DATA_VALUES = ("clerk1", "127.0.0.1")


def _open_every_screen(qtbot, replica, server, language):
    """Open the main window offline, show every page, and return (context, window, dialog)."""
    context, window = open_window(qtbot, replica, server.url, "clerk1", online=False, language=language)
    for key in window.pages:
        page = window.show_page(key)
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "loading"):
            qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    qtbot.waitUntil(lambda: context.sync.last_error is not None or context.sync.online, timeout=15_000)
    dialog = LoginDialog(lambda server_url, username: replica.path.parent, server.url, "clerk1")
    qtbot.addWidget(dialog)
    return context, window, dialog


def _strings(window, dialog):
    return collect_strings(window) + collect_strings(dialog)


def test_chinese_screens_fully_translated(qtbot, chinese, synced_replica, server):
    server.stop()
    context, window, dialog = _open_every_screen(qtbot, synced_replica, server, "zh_CN")
    try:
        english_sources = [
            (source, source_pattern(source)) for _context, source, translation in translation_entries()
            if translation != source
        ]
        untranslated = []
        for where, text in _strings(window, dialog):
            if CJK.search(text):
                continue
            if any(pattern.match(text) for _source, pattern in english_sources):
                untranslated.append((where, text))
            elif any(len(word) >= 3 for word in __import__("re").findall(r"[A-Za-z]+", text)) and not any(
                value in text for value in DATA_VALUES
            ):
                untranslated.append((where, text))
        assert untranslated == []
        assert window.pages["customers"].search.placeholderText() == "按名称、编码、电话、拼音首字母或助记码搜索（Ctrl+F）"
        assert window.status_label.text() == "离线"
    finally:
        close_window(context, window)


def test_english_screens_show_no_chinese(qtbot, english, synced_replica, server):
    server.stop()
    context, window, dialog = _open_every_screen(qtbot, synced_replica, server, "en")
    try:
        chinese = [(where, text) for where, text in _strings(window, dialog) if CJK.search(text)]
        assert chinese == []
        assert window.status_label.text() == "Offline"
    finally:
        close_window(context, window)


def test_ts_has_every_string_translated(tmp_path):
    copy = tmp_path / TS_PATH.name
    shutil.copy(TS_PATH, copy)
    sources = sorted(str(path.relative_to(REPO)) for path in (REPO / "desktop").rglob("*.py"))
    completed = subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-target-language", "zh_CN", *sources, "-ts", str(copy)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    assert "0 new" in completed.stdout, completed.stdout
    # A translated text that lupdate cannot find in the code (a variable context, a helper that wraps
    # translate, a plural outside self.tr) would be dropped by the next scripts/build_translations.
    assert "obsolete" not in completed.stdout, completed.stdout
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="obsolete"' not in text
    assert all(translation for _context, _source, translation in translation_entries())


def test_qm_is_built_from_ts(tmp_path):
    built = tmp_path / "built.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS_PATH), "-qm", str(built)], check=True, capture_output=True)
    assert QM_PATH.exists(), "run scripts/build_translations and commit the .qm"
    assert built.read_bytes() == QM_PATH.read_bytes(), "the .qm is older than the .ts: run scripts/build_translations"


@pytest.mark.parametrize("override, expected", [("en", "en"), ("zh_CN", "zh_CN")])
def test_lang_option_overrides_locale(qapp, override, expected):
    from desktop.i18n import choose_language

    assert choose_language(override) == expected


def test_chinese_ellipsis_is_doubled():
    # Chinese typography writes the ellipsis as two characters (……); one alone, or three dots, is the English form.
    lone = re.compile(r"(?<!…)…(?!…)|\.\.\.")
    wrong = [(context, translation) for context, _source, translation in translation_entries() if lone.search(translation)]
    assert wrong == []
