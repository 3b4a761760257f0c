#!/usr/bin/env bash
# Memory for big answers: N hosts (local transport, all at once) each answering with a 5 MB
# file, audited by mb; prints mb's peak RSS and wall time for two rule sets:
#   selected — the check reads one INI key of the file (the run keeps that key only)
#   whole    — the check reads the whole file (`contains:`)
#
#   bench/big-answers.sh            # 40 hosts of 5 MB
#   bench/big-answers.sh 40 5       # N hosts, M MB each
#   MB=/path/to/other/mb bench/big-answers.sh   # measure another build
#
# Needs /usr/bin/time (GNU time). Figures: book/src/security.md.
set -euo pipefail
cd "$(dirname "$0")/.."

hosts=${1:-40}
mb_size=${2:-5}
. bench/lib.sh
needs /usr/bin/time
if [ -z "${MB:-}" ]; then
  release --bin mb
  MB=$target/release/mb
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
mkdir -p "$repo/rules" "$work/hosts"

# Each host's file: a [global] section with the key the check reads, then M MB of other keys.
python3 - "$work/hosts" "$hosts" "$mb_size" <<'PY'
import os, sys
folder, hosts, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) * 1000 * 1000
line = b"   some other setting = 0123456789abcdef0123456789abcdef\n"
body = b"[global]\n   fruit:locking = none\n" + line * (size // len(line))
for n in range(hosts):
    with open(os.path.join(folder, f"h{n}.conf"), "wb") as f:
        f.write(body)
PY

{
  echo "all:"
  echo "  hosts:"
  for n in $(seq 0 $((hosts - 1))); do
    echo "    h$n: { ansible_connection: local, conf: $work/hosts/h$n.conf }"
  done
} > "$repo/inventory.yml"
echo 'inventory = "inventory.yml"' > "$repo/mb.toml"

rules() {
  printf '```mb-check\nid: big\nhosts: all\nprobe:\n  file: "{{ conf }}"\n%s\nexpect:\n  %s\n```\n' "$1" "$2" \
    > "$repo/rules/big.md"
}

measure() {
  local name=$1
  (cd "$repo" && /usr/bin/time -v "$MB" audit -j "$hosts" --timeout 120 --format json > "$work/out.json" 2> "$work/time.txt") || true
  local rss wall run
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  run=$(du -k "$repo/.mb/runs" | tail -1 | cut -f1)
  python3 - "$work/out.json" "$name" "$hosts" "$mb_size" "$rss" "$wall" "$run" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
name, hosts, size, rss, wall, run = sys.argv[2:8]
ok = sum(h["status"] == "ok" for h in report["hosts"])
passed = report["summary"]["pass"]
print(f"{name:9} {hosts} hosts x {size} MB: peak RSS {int(rss) // 1024} MiB, wall {wall}, "
      f"{ok} hosts ok, {passed} pass, runs folder {int(run) // 1024} MiB")
PY
  rm -rf "$repo/.mb"
}

"$MB" --version
rules '  ini: { section: global, key: "fruit:locking" }' 'equals: none'
measure selected
rules '' 'contains: "fruit:locking = none"'
measure whole
