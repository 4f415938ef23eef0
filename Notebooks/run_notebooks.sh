#!/usr/bin/env bash
# Executes every notebook in Notebooks/ from a clean state and fails on any cell error
# (the notebooks' ABKit-versus-scipy/statsmodels cross-checks are `assert`s), after checking
# that the committed notebooks carry no outputs.
#
#   Notebooks/run_notebooks.sh                 # all notebooks
#   Notebooks/run_notebooks.sh peeking-and-power.ipynb
#
# It creates .venv-notebooks (python3 -m venv; on Debian, as root, it installs python3-venv
# when that is missing), installs Notebooks/requirements.txt, builds abkit (`swift build
# --product abkit`, debug unless ABKIT_CONFIGURATION=release) unless ABKIT names a binary, and
# writes the executed copies to a temporary folder (NOTEBOOKS_OUT to choose it), never into the
# repository.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${NOTEBOOKS_VENV:-.venv-notebooks}
start=$SECONDS

# Committed notebooks carry no outputs (stdlib only, so it runs before anything is installed).
if command -v "$PYTHON" >/dev/null 2>&1; then
    "$PYTHON" Notebooks/run_notebooks.py --check-outputs "$@"
fi

apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y "$@"
    else
        echo "error: need $* (install it, or run as root on Debian/Ubuntu)" >&2
        exit 1
    fi
}

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    apt_install python3 python3-venv
    PYTHON=python3
    "$PYTHON" Notebooks/run_notebooks.py --check-outputs "$@"
fi

# A virtual environment; Debian's python3 needs python3-venv (ensurepip) for it.
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"
        version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt_install python3-venv "python${version}-venv"
        "$PYTHON" -m venv "$VENV"
    fi
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r Notebooks/requirements.txt
echo "notebooks: Python environment ready ($((SECONDS - start)) s)"

# The abkit binary the notebooks drive (Notebooks/abkit_cli.py reads ABKIT).
if [ -z "${ABKIT:-}" ]; then
    configuration=${ABKIT_CONFIGURATION:-debug}
    swift build -c "$configuration" --product abkit
    ABKIT="$(swift build -c "$configuration" --show-bin-path)/abkit"
fi
export ABKIT
echo "notebooks: abkit is $ABKIT ($((SECONDS - start)) s)"

# A kernel spec of the venv's Python, in a private folder, so no other installed "python3"
# kernel can be picked instead.
out=${NOTEBOOKS_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/abkit-notebooks.XXXXXX")}
"$VENV/bin/python" -m ipykernel install --prefix "$out/jupyter" --name abkit-notebooks >/dev/null 2>&1
export JUPYTER_PATH="$out/jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
unset MPLBACKEND  # the kernel's inline backend draws the figures into the executed copies

"$VENV/bin/python" Notebooks/run_notebooks.py --execute "$out" --kernel abkit-notebooks "$@"
echo "notebooks: executed copies in $out ($((SECONDS - start)) s in all)"
