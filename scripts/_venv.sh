# Shared by scripts/test and scripts/demo: create .venv and install the project into it.
VENV="${KAIDAN_VENV:-$PWD/.venv}"

ensure_venv() {
    local extras="$1"
    local stamp="$VENV/.kaidan-installed"
    local python="${PYTHON:-python3}"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating virtual environment in $VENV" >&2
        "$python" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
    fi
    # Reinstall when pyproject.toml changed since the last install.
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! grep -qxF "$extras" "$stamp"; then
        echo "Installing kaidan$extras and its dependencies" >&2
        "$VENV/bin/python" -m pip install --quiet -e "$extras"
        echo "$extras" > "$stamp"
    fi
}
