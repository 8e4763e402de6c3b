#!/usr/bin/env bash
# Cold build time of one integration alone vs the whole workspace (BENCHMARKS.md, 6).
#
#   benches/compile-cost.sh            # from anywhere inside the repository
#
# Copies the working tree (without `target/`) to a scratch directory under /tmp and builds
# it twice, each into its own empty CARGO_TARGET_DIR, so neither build reuses the other's
# artifacts nor the repository's `target/`. Dependencies come from the local cargo
# registry cache (nothing is downloaded when the lockfile's crates are cached). Takes
# minutes; other processes on the machine share the cores, so note `uptime`.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
scratch=${COMPILE_COST_DIR:-/tmp/truto-compile-cost}
profile_flag=${PROFILE_FLAG:-}   # e.g. PROFILE_FLAG=--release
rm -rf "$scratch"
mkdir -p "$scratch/src"
tar -C "$root" --exclude=./target -cf - . | tar -C "$scratch/src" -xf -
cd "$scratch/src"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "rustc: $(rustc --version)"
echo "date: $(date -u)"
run() {
  local name=$1; shift
  local target="$scratch/target-$name"
  echo "load before $name: $(cut -d' ' -f1-3 /proc/loadavg)"
  local start end
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$target" cargo build --offline $profile_flag "$@" >"$scratch/$name.log" 2>&1 \
    || { echo "$name failed, see $scratch/$name.log"; tail -20 "$scratch/$name.log"; exit 1; }
  end=$(date +%s.%N)
  local units
  units=$(grep -c '^ *Compiling ' "$scratch/$name.log" || true)
  printf 'RESULT %-10s %7.1f s  %4s crates compiled  (cargo build %s)\n' \
    "$name" "$(echo "$end - $start" | bc)" "$units" "$*"
}
run okta -p truto-idp --no-default-features --features okta
run workspace --workspace
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
