#!/usr/bin/env bash
# The scale benchmark: the audit engine's own cost, without a network, from 1 000 to 100 000
# hosts with 40 checks each (bench/gen_fleet.py writes the fleet and a saved run of its facts).
# For each size it measures, with /usr/bin/time (wall, CPU, peak memory):
#   replay   mb audit --replay seed.json --format markdown   (plan, evaluate, save, report)
#   shards   the same replay as 4 shards, one after another  (--shard K/4 --format markdown; each saved)
#   merge    mb merge of the 4 shard runs --format markdown  (read, check, merge, save, report)
# and checks that the merged run's summary equals the unsharded one.
#
#   bench/scale.sh                  # 1000 10000 100000 hosts
#   bench/scale.sh 1000 10000       # other sizes
#
# Needs python3 and GNU time (/usr/bin/time). Figures: book/src/scale.md.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
. bench/lib.sh
needs /usr/bin/time python3

if [ -z "${MB:-}" ]; then release --bin mb; else target_dir; fi
mb=${MB:-$target/release/mb}     # MB=path/to/mb measures another build
work=${MB_BENCH_DIR:-$target/bench-scale}
mkdir -p "$work"
results=$work/results.md

# measure NAME CMD... : runs CMD once with its stdout to $dir/NAME.out and prints a table row.
measure() {
  local name=$1; shift
  local status=0
  /usr/bin/time -f '%e %U %S %M' -o "$dir/$name.time" "$@" > "$dir/$name.out" 2> "$dir/$name.err" || status=$?
  # Exit 1 is drift (expected: the fleet has some); anything above it is a failure.
  [ "$status" -le 1 ] || { echo "$name failed ($status):" >&2; tail -5 "$dir/$name.err" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$dir/$name.time")
  printf '| %s | %s | %s s | %.2f s | %d MiB |\n' "$hosts" "$name" "$wall" "$(python3 -c "print($user + $sys)")" $((rss / 1024)) | tee -a "$results"
}

summary() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps(r["summary"], sort_keys=True))' "$1"; }

{ echo; echo "mb $("$mb" --version | cut -d' ' -f2), $(nproc) cores, $(date -u +%F)"; echo
  echo "| hosts | step | wall | CPU | peak memory |"; echo "|---|---|---|---|---|"; } | tee -a "$results"
for hosts in "${sizes[@]}"; do
  dir=$work/$hosts
  rm -rf "$dir"
  python3 bench/gen_fleet.py "$dir" "$hosts"
  ( cd "$dir" && git init -q . )
  measure replay "$mb" -C "$dir" --color never audit --replay seed.json --format markdown
  unsharded=$(ls -t "$dir"/.mb/runs/*.json | head -1)
  mkdir -p "$dir/shards"
  for k in 1 2 3 4; do
    measure "shard-$k" "$mb" -C "$dir" --color never audit --replay seed.json --shard "$k/4" --format markdown
    mv "$(ls -t "$dir"/.mb/runs/*.json | head -1)" "$dir/shards/$k.json"
  done
  measure merge "$mb" -C "$dir" --color never merge "$dir/shards" --format markdown
  merged=$(ls -t "$dir"/.mb/runs/*.json | head -1)
  [ "$(summary "$unsharded")" = "$(summary "$merged")" ] \
    || { echo "merged summary differs from the unsharded run: $(summary "$merged") vs $(summary "$unsharded")" >&2; exit 1; }
  echo "  ($hosts hosts: seed $(du -h "$dir/seed.json" | cut -f1), run $(du -h "$unsharded" | cut -f1), report $(wc -c < "$dir/replay.out") bytes; merged = unsharded: $(summary "$merged"))"
done
echo "results appended to $results"
