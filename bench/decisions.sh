#!/usr/bin/env bash
# The whole-command benchmark of `mb decisions`: the table and `--json` on generated banks of
# a given size, end to end (walk, read, parse, supersession, output), release build.
#
#   bench/decisions.sh                 # 100M and 300M
#   bench/decisions.sh 1G              # one size
#   MB_BASELINE=/path/to/old/mb bench/decisions.sh 300M   # and an older build, in the same run
#   MB_ROUNDS=5 bench/decisions.sh 100M                    # rounds (default 3)
#
# Each output is timed in rounds; in each round every build runs hyperfine (3 runs) and one
# /usr/bin/time run, the builds taking turns. Reports, per size and command: the median wall
# time over all rounds and MB/s (10^6 bytes of bank per second), the median CPU seconds and
# the highest peak RSS of the timed runs, RSS as a share of the bank's size, and the number of
# write calls (strace -c, when installed).
# Needs hyperfine and python3; ~3x the largest size of disk under $MB_BENCH_DIR (default
# /tmp/mb-bench). Figures and the machine they came from: book/src/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
needs hyperfine python3

corpus_bench

builds=("new=$mb")
rounds=${MB_ROUNDS:-3}
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
  for output in table json; do
    args=(decisions); [[ $output == json ]] && args+=(--json)
    # The builds take turns, round after round: a shared VM's speed drifts over minutes, and
    # builds measured one after the other would compare two moments, not two builds.
    for round in $(seq "$rounds"); do
      for build in "${builds[@]}"; do
        name=${build%%=*} bin=${build#*=}
        warmup=0; (( round == 1 )) && warmup=1
        hyperfine --warmup "$warmup" --runs 3 -N --output=null \
          "'$bin' -C '$dir' ${args[*]}" --export-json "$results/decisions-$size-$name-$output-$round.json" >/dev/null
        /usr/bin/time -f '%U %S %M' -o "$results/time-$name-$round.txt" "$bin" -C "$dir" "${args[@]}" >/dev/null 2>&1
      done
    done
    for build in "${builds[@]}"; do
      name=${build%%=*} bin=${build#*=}
      writes=-
      if command -v strace >/dev/null; then
        strace -f -c -e trace=write -o "$results/strace.txt" "$bin" -C "$dir" "${args[@]}" >/dev/null 2>&1
        writes=$(awk '$NF == "write" {print $4}' "$results/strace.txt")
      fi
      python3 - "$results" "$size" "$name" "$output" "$rounds" "$bytes" "$writes" <<'PY'
import json, statistics, sys
results, size_name, name, output, rounds, size, writes = sys.argv[1:]
rounds, size = int(rounds), int(size)
times, cpu, rss = [], [], []
for r in range(1, rounds + 1):
    times += json.load(open(f"{results}/decisions-{size_name}-{name}-{output}-{r}.json"))["results"][0]["times"]
    user, system, peak = open(f"{results}/time-{name}-{r}.txt").read().split()
    cpu.append(float(user) + float(system))
    rss.append(int(peak) * 1024)
median, cpu, rss = statistics.median(times), statistics.median(cpu), max(rss)
print(f"{name:9} {output:7} {median:10.2f} {size / median / 1e6:9.1f} {cpu:9.2f} "
      f"{rss / 1048576:10.0f} {rss / size:9.2f} {writes:>8}")
PY
    done
  done
done
