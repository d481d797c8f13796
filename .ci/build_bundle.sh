#!/usr/bin/env bash
# Build the desktop client's one-folder bundle with PyInstaller and run its self-test offscreen.
# Usage: .ci/build_bundle.sh   (from anywhere; uses the project's .venv, installing the bundle extra)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
cd "$ROOT"

"$PYTHON" -m pip install --quiet "pyinstaller>=6.10,<7"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" installer/kaidan.spec

# A machine with no Chinese system font: fontconfig sees only DejaVu, so the
# self-test passes only when the bundled CJK font reaches the PDF.
FONTCONFIG_DIR="$(mktemp -d)"
trap 'rm -rf "$FONTCONFIG_DIR"' EXIT
cat > "$FONTCONFIG_DIR/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>$FONTCONFIG_DIR/cache</cachedir>
</fontconfig>
CONF

echo "running dist/kaidan/kaidan --self-test"
FONTCONFIG_FILE="$FONTCONFIG_DIR/fonts.conf" QT_QPA_PLATFORM=offscreen "$ROOT/dist/kaidan/kaidan" --self-test
