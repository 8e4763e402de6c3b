#!/usr/bin/env bash
# Builds every family crate with no default features, then with each integration feature
# alone, so a broken feature gate (a module used outside its `#[cfg(feature)]`) fails.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> truto-core and truto-hosted without the default \`simd\` feature"
cargo check --quiet -p truto-core --lib --no-default-features
cargo check --quiet -p truto-hosted --lib --no-default-features

for crate in truto-scim truto-idp truto-devtools truto-crm truto-helpdesk truto-collaboration truto-work truto-marketing; do
    features=$(python3 - "$crate/Cargo.toml" <<'PY'
import re, sys
# The `all = [...]` list of the [features] table (tomllib needs Python 3.11).
text = open(sys.argv[1]).read()
match = re.search(r'^all = \[(.*?)\]', text, re.M | re.S)
print(" ".join(re.findall(r'"([^"]+)"', match.group(1))) if match else "")
PY
)
    echo "==> $crate: no default features, then each of $(wc -w <<<"$features") features alone"
    cargo check --quiet -p "$crate" --lib --no-default-features
    for feature in $features; do
        cargo check --quiet -p "$crate" --lib --no-default-features --features "$feature" \
            || { echo "$crate: feature \`$feature\` alone does not build" >&2; exit 1; }
    done
done
