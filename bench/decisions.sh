#!/usr/bin/env bash
# The whole-command benchmark of `mb decisions`: the table and `--json` on generated banks of
# a given size, end to end (walk, read, parse, supersession, output), release build.
#
#   bench/decisions.sh                 # 100M and 300M
#   bench/decisions.sh 1G              # one size
#   MB_BASELINE=/path/to/old/mb bench/decisions.sh 300M   # and an older build, in the same run
#
# Reports, per size and command: hyperfine's median wall time and MB/s (10^6 bytes of bank
# per second), the CPU seconds and peak RSS of one run (/usr/bin/time), RSS as a share of
# the bank's size, and the number of write calls of the JSON run (strace -c, when installed).
# Needs hyperfine and python3; ~3x the largest size of disk under $MB_BENCH_DIR (default
# /tmp/mb-bench). Figures and the machine they came from: book/src/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
needs hyperfine python3

corpus_bench

builds=("new=$mb")
[[ -n ${MB_BASELINE:-} ]] && builds+=("baseline=$MB_BASELINE")

sizes=("$@")
(( ${#sizes[@]} )) || sizes=(100M 300M)
for size in "${sizes[@]}"; do
  dir=$work/corpus-$size
  [[ -d $dir/memory-bank ]] || "$gen" "$size" "$dir"
  bytes=$(du -sb "$dir/memory-bank" | cut -f1)
  files=$(find "$dir/memory-bank" -name '*.md' | wc -l)
  echo "== $size: $bytes bytes ($(( bytes / 1048576 )) MiB) in $files files"
  printf '%-9s %-7s %10s %9s %9s %10s %9s %8s\n' build output "median s" "MB/s" "CPU s" "peak MiB" "RSS/bank" writes
  for build in "${builds[@]}"; do
    name=${build%%=*} bin=${build#*=}
    for output in table json; do
      args=(decisions); [[ $output == json ]] && args+=(--json)
      json=$results/decisions-$size-$name-$output.json
      hyperfine --warmup 1 --runs 3 -N --output=null \
        "'$bin' -C '$dir' ${args[*]}" --export-json "$json" >/dev/null
      /usr/bin/time -f '%U %S %M' -o "$results/time.txt" "$bin" -C "$dir" "${args[@]}" >/dev/null 2>&1
      read -r user sys rss < "$results/time.txt"
      writes=-
      if command -v strace >/dev/null; then
        strace -f -c -e trace=write -o "$results/strace.txt" "$bin" -C "$dir" "${args[@]}" >/dev/null 2>&1
        writes=$(awk '$NF == "write" {print $4}' "$results/strace.txt")
      fi
      python3 - "$json" "$bytes" "$user" "$sys" "$rss" "$name" "$output" "$writes" <<'PY'
import json, sys
median = json.load(open(sys.argv[1]))["results"][0]["median"]
size, user, system, rss = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]) * 1024
print(f"{sys.argv[6]:9} {sys.argv[7]:7} {median:10.2f} {size / median / 1e6:9.1f} {user + system:9.2f} "
      f"{rss / 1048576:10.0f} {rss / size:9.2f} {sys.argv[8]:>8}")
PY
    done
  done
done
