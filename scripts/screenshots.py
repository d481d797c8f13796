"""Save screenshots of the desktop's screens in English and Chinese under docs/screenshots/.

Signs in to a running server (the demo's, by default) as one user, syncs, and
grabs the sign-in dialog and every page of the main window in both languages:

    ./scripts/demo                     # in another terminal, or any running server
    .venv/bin/python scripts/screenshots.py --server http://127.0.0.1:8765 --user clerk --password clerk123

With --sync-screens it instead starts a throwaway server on 127.0.0.1 with the
test fixtures' small company. There it makes a rejected order confirm with a
change held behind it, a lost field conflict and a flag. Then it grabs the Sync
problems, Conflicts and Flags pages, the discard confirmation, the verify
result and the first-sync progress dialog:

    .venv/bin/python scripts/screenshots.py --sync-screens

Runs offscreen (QT_QPA_PLATFORM=offscreen) unless a display is set.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.app import create_application, open_main_window  # noqa: E402
from desktop.views.login_dialog import LoginDialog, open_signed_in  # noqa: E402


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition, timeout_ms: int = 60_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:
        wait(100)
        waited += 100


def shoot(args: argparse.Namespace, language: str, data_dir: pathlib.Path, out: pathlib.Path) -> None:
    create_application(language)
    dialog = LoginDialog(lambda server_url, username: data_dir, args.server, args.user)
    dialog.resize(460, 220)
    dialog.show()
    wait(200)
    dialog.grab().save(str(out / f"login_{language}.png"))
    dialog.close()

    result = open_signed_in(data_dir, args.server, args.user, args.password)
    context, window = open_main_window(result, language)
    window.resize(1200, 720)
    window.show()
    wait_until(lambda: context.sync.last_result is not None or context.sync.last_error is not None)
    wait(500)
    for key in window.pages:
        page = window.show_page(key)
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "loading"):
            wait_until(lambda: not model.loading)
        wait(300)
        window.grab().save(str(out / f"{key}_{language}.png"))
    window.close()
    context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sync-screens", action="store_true",
                        help="grab the sync screens from a throwaway server instead of the pages of a running one")
    parser.add_argument("--server", default="http://127.0.0.1:8765", help="server address (default: the demo's)")
    parser.add_argument("--user", default="clerk", help="user to sign in as (default: clerk)")
    parser.add_argument("--password", default="clerk123", help="that user's password (default: the demo clerk's)")
    parser.add_argument("--out", type=pathlib.Path, default=REPO / "docs" / "screenshots", help="output folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication(sys.argv[:1])
    if args.sync_screens:
        from scripts.sync_screenshots import shoot_sync_screens

        with tempfile.TemporaryDirectory(prefix="kaidan-sync-shots-") as folder:
            shoot_sync_screens(pathlib.Path(folder), args.out)
        print(f"screenshots saved in {args.out}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kaidan-shots-") as folder:
        for language in ("en", "zh_CN"):
            shoot(args, language, pathlib.Path(folder) / "data", args.out)
    print(f"screenshots saved in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
