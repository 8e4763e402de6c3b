#!/usr/bin/env bash
# The `truto` command's export of 100,000 users in each output format, against the
# loopback mock of the hosted API that `cargo bench -p truto-hosted` serves (BENCHMARKS.md
# §8, "The `truto` command's export").
#
#   benches/cli-export.sh            # 5 rounds; ROUNDS=9 benches/cli-export.sh for more
#   BEFORE=/path/to/an/older/truto benches/cli-export.sh   # and that binary, alternating
#
# Builds the `truto` binary (release) and the hosted bench, starts the bench's mock alone
# (`--serve`), then runs, round after round, the library's listing alone (the bench's
# `--variant sdk`, which decodes the users and drops them) and `truto users list
# truto_hosted` once per format, writing to a file under /tmp. Prints each run's seconds,
# then the median per variant. The credentials are the mock's, from the environment.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
rounds=${ROUNDS:-5}
users=${USERS:-100000}
out=${CLI_EXPORT_DIR:-/tmp/truto-cli-export}
mkdir -p "$out"

cargo build --release -p truto-cli --quiet
bench=$(cargo bench -p truto-hosted --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "hosted" and m.get("executable"):
        print(m["executable"])')
truto="$root/target/release/truto"

"$bench" --serve >"$out/serve.txt" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  grep -q '^http' "$out/serve.txt" 2>/dev/null && break
  sleep 0.2
done
url=$(sed -n 's|/t[0-9]*$||p' "$out/serve.txt" | head -1)/t$users
[ -n "$url" ] || { echo "the mock did not start: $(cat "$out/serve.txt")"; exit 1; }

export TRUTO_TRUTO_HOSTED_TOKEN=bench-token
export TRUTO_TRUTO_HOSTED_INTEGRATED_ACCOUNT_ID=6f1c2a9e-1b7d-4c55-9a7e-0d3c2b1a0f99
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "date: $(date -u), load $(cut -d' ' -f1-3 /proc/loadavg), main at $(git rev-parse --short HEAD)"
echo "$users users, 100 per page, $rounds rounds"

seconds() { # runs "$@", prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
variants=(listing table csv jsonl json)
[ -n "${BEFORE:-}" ] && variants+=(before-table before-csv before-jsonl before-json)
declare -A times
for round in $(seq "$rounds"); do
  for v in "${variants[@]}"; do
    if [ "$v" = listing ]; then
      t=$(seconds "$bench" --variant sdk --url "$url")
    elif [ "${v#before-}" != "$v" ]; then
      t=$(seconds "$BEFORE" --config /dev/null users list truto_hosted --base-url "$url" \
        --limit 100 --format "${v#before-}" -o "$out/users.$v")
    else
      t=$(seconds "$truto" --config /dev/null users list truto_hosted --base-url "$url" \
        --limit 100 --format "$v" -o "$out/users.$v")
    fi
    times[$v]="${times[$v]:-} $t"
    printf 'round %d  %-8s %6.3f s\n' "$round" "$v" "$t"
  done
done
echo
for v in "${variants[@]}"; do
  median=$(echo "${times[$v]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  size=$([ "$v" = listing ] && echo - || du -h "$out/users.$v" | cut -f1)
  printf 'RESULT %-8s median %6.3f s  %8.0f users/s  output %s\n' "$v" "$median" \
    "$(echo "$users / $median" | bc -l)" "$size"
done
