#!/usr/bin/env bash
# Runs every test of the workspace. On first use it installs what the tests need into
# .tools/ (git-ignored): scim2-server from PyPI, in a Python virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/.tools"
venv="$tools/venv"
if [ ! -x "$venv/bin/scim2-server" ]; then
    echo "==> installing scim2-server into $venv (first run only)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "scim2-server==0.8.3"
fi
export TRUTO_SCIM2_SERVER="$venv/bin/scim2-server"

cargo test --workspace --all-features "$@"
