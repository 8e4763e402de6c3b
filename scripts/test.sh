#!/usr/bin/env bash
# Runs every test of the workspace. On first use it installs what the tests need into
# .tools/ (git-ignored): scim2-server from PyPI in a Python virtual environment, and Prism
# (@stoplight/prism-cli) from npm.
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

prism="$tools/prism"
if [ ! -x "$prism/node_modules/.bin/prism" ]; then
    echo "==> installing Prism into $prism (first run only)"
    mkdir -p "$prism"
    (cd "$prism" && npm install --silent --no-audit --no-fund "@stoplight/prism-cli@5.14.2")
fi
export TRUTO_PRISM="$prism/node_modules/.bin/prism"

cargo test --workspace --all-features "$@"
