#!/usr/bin/env bash
# The search benchmark: `mb search` against `rg -i -n` on the same files, full index build
# throughput, and the refresh after one file changes — at ~100 MB and ~1 GB of Memory Bank.
#
#   bench/search.sh            # both sizes
#   bench/search.sh 100M       # one size
#   bench/search.sh --freshness [SIZE FILE_SIZE]   # the freshness check alone, at ~64,000
#                              # files by default (1G of 16K files): the stat walk, --no-refresh,
#                              # and a watcher (mb index --watch), nothing or one file changed
#
# Needs hyperfine and ripgrep (Debian: apt-get install hyperfine ripgrep) and ~3 GB of disk
# under $MB_BENCH_DIR (default /tmp/mb-bench). Results: a table on stdout, raw hyperfine JSON
# under $MB_BENCH_DIR/results. Figures and the machine they came from: book/src/search.md.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
tools=(hyperfine python3); [[ ${1:-} == --freshness ]] || tools+=(rg)
needs "${tools[@]}"

corpus_bench

# Mixed rarity: everyday words, mid-frequency terms, compounds, a phrase, and rare ids that
# appear a handful of times. All are literal strings, so rg -i -F searches for the same thing.
queries=(
  firewall samba proxmox wireguard quota handler
  corosync refquota keepalive recordsize journal passthrough
  fruit:locking timemachine_quota manage_proxmox_repos 10.10.68.0/24 pve-firewall
  "map to guest" "stateful tracking"
  CVE-2025-997 CVE-2025-9970 CVE-2025-19940 pbs1 edge2
)

median_of() { # hyperfine JSON → median seconds of the first command
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

if [[ ${1:-} == --freshness ]]; then
  # What keeping the index fresh costs per search: the stat walk (nothing changed, and one file
  # changed between searches), no check at all (--no-refresh), and a watcher running
  # (`mb index --watch`: nothing changed, and one file changed between searches).
  size=${2:-1G} file_size=${3:-16K}
  dir=$work/corpus-$size-$file_size
  [[ -d $dir/memory-bank ]] || "$gen" "$size" "$dir" 42 "$file_size"
  files=$(find "$dir/memory-bank" "$dir/rules" -name '*.md' | wc -l)
  file=$(find "$dir/memory-bank" -name '*.md' | sort | sed -n 1p)  # sed reads all: no SIGPIPE under pipefail
  change="sh -c 'echo \"- refreshed at \$(date +%s%N)\" >> \"$file\"'"
  search="'$mb' -C '$dir' search -n 10 refquota"
  cpu_of() { # CPU seconds (user + system) of one run of "$@"
    /usr/bin/time -f '%U %S' -o "$results/one.cpu" "$@" >/dev/null
    python3 -c 'import sys; print(sum(float(v) for v in open(sys.argv[1]).read().split()))' "$results/one.cpu"
  }
  changed_cpu() { # mean CPU seconds of 5 searches, each after one file changed
    local total=0
    for _ in 1 2 3 4 5; do
      sh -c "echo '- refreshed at $(date +%s%N)' >> '$file'"
      total=$(python3 -c "print($total + $(cpu_of "$mb" -C "$dir" search -n 10 refquota))")
    done
    python3 -c "print($total / 5)"
  }
  "$mb" -C "$dir" index >/dev/null
  hyperfine --warmup 2 --runs 15 -N \
    --command-name walk "$search" \
    --command-name no-refresh "'$mb' -C '$dir' search --no-refresh -n 10 refquota" \
    --command-name "mb index" "'$mb' -C '$dir' index" \
    --export-json "$results/freshness-$size-$file_size.json" >/dev/null
  hyperfine --warmup 1 --runs 15 -N --prepare "$change" --command-name walk-changed "$search" \
    --export-json "$results/freshness-changed-$size-$file_size.json" >/dev/null
  walk_cpu=$(cpu_of "$mb" -C "$dir" search -n 10 refquota)
  no_refresh_cpu=$(cpu_of "$mb" -C "$dir" search --no-refresh -n 10 refquota)
  walk_changed_cpu=$(changed_cpu)

  # The watcher: started, its socket waited for, one search to store its token.
  "$mb" -C "$dir" index --watch 2>"$results/watch.log" & watcher=$!
  trap 'kill $watcher 2>/dev/null || true' EXIT
  for _ in $(seq 600); do [[ -S $dir/.mb/watch/sock ]] && break; sleep 0.1; done
  "$mb" -C "$dir" search -n 10 refquota >/dev/null
  "$mb" -C "$dir" index --json | grep -q '"walked": false' || { echo "the watcher is not answering" >&2; exit 1; }
  ticks() { awk '{print $14 + $15}' "/proc/$watcher/stat"; }
  before=$(ticks)
  hyperfine --warmup 2 --runs 15 -N --command-name watched "$search" \
    --export-json "$results/freshness-watched-$size-$file_size.json" >/dev/null
  hyperfine --warmup 1 --runs 15 -N --prepare "$change" --command-name watched-changed "$search" \
    --export-json "$results/freshness-watched-changed-$size-$file_size.json" >/dev/null
  watcher_ms=$(python3 -c "print(($(ticks) - $before) * 1000 / $(getconf CLK_TCK) / 33)")  # 17 + 16 searches
  watched_cpu=$(cpu_of "$mb" -C "$dir" search -n 10 refquota)
  watched_changed_cpu=$(changed_cpu)
  kill -TERM $watcher; wait $watcher || true; trap - EXIT

  python3 - "$results" "$size-$file_size" "$files" "$walk_cpu" "$no_refresh_cpu" "$walk_changed_cpu" \
    "$watched_cpu" "$watched_changed_cpu" "$watcher_ms" <<'PY'
import json, sys
results, tag, files = sys.argv[1], sys.argv[2], sys.argv[3]
cpu = dict(zip(["walk", "no-refresh", "walk-changed", "watched", "watched-changed"], map(float, sys.argv[4:9])))
wall = {}
for name in ["freshness", "freshness-changed", "freshness-watched", "freshness-watched-changed"]:
    for x in json.load(open(f"{results}/{name}-{tag}.json"))["results"]:
        wall[x["command"]] = (x["mean"], x["stddev"] or 0)
print(f"{files} files ({tag}); per search, wall = hyperfine mean of 15, CPU = user + system")
rows = [("stat walk, nothing changed", "walk"), ("stat walk, one file changed", "walk-changed"),
        ("--no-refresh", "no-refresh"), ("watcher, nothing changed", "watched"),
        ("watcher, one file changed", "watched-changed")]
for label, key in rows:
    mean, sd = wall[key]
    print(f"  {label:32} {mean*1e3:7.0f} ms ± {sd*1e3:4.0f}   CPU {cpu[key]*1e3:5.0f} ms")
print(f"  mb index (walk, nothing changed) {wall['mb index'][0]*1e3:7.0f} ms")
print(f"  the watcher's own CPU: {float(sys.argv[9]):.1f} ms per search (its events and handshakes)")
PY
  exit 0
fi

sizes=("$@")
(( ${#sizes[@]} )) || sizes=(100M 1G)
for size in "${sizes[@]}"; do
  dir=$work/corpus-$size
  [[ -d $dir/memory-bank ]] || "$gen" "$size" "$dir"
  bytes=$(du -sb "$dir/memory-bank" "$dir/rules" | awk '{s += $1} END {print s}')
  echo "== $size: $(( bytes / 1048576 )) MiB in $(find "$dir/memory-bank" "$dir/rules" -name '*.md' | wc -l) files"

  # Full build, from nothing.
  hyperfine --runs 3 --prepare "rm -rf '$dir/.mb'" "'$mb' -C '$dir' index" \
    --export-json "$results/build-$size.json" >/dev/null
  build=$(median_of "$results/build-$size.json")
  /usr/bin/time -f '%M' -o "$results/build-$size.rss" "$mb" -C "$dir" index --rebuild >/dev/null
  index_mib=$(du -sm "$dir/.mb/index" | cut -f1)

  # Warm searches: the index is built and the files are in the page cache.
  "$mb" -C "$dir" search refquota >/dev/null
  : > "$results/queries-$size.tsv"
  for q in "${queries[@]}"; do
    safe=$(echo "$q" | tr -c 'a-zA-Z0-9' '_')
    mbq=$q; [[ $q == *" "* ]] && mbq="\"$q\""
    hyperfine --warmup 3 --runs 15 -N \
      --command-name mb "'$mb' -C '$dir' search -n 10 '$mbq'" \
      --export-json "$results/mb-$size-$safe.json" >/dev/null 2>&1 || true
    hyperfine --warmup 3 --runs 15 -N \
      --command-name mb-no-refresh "'$mb' -C '$dir' search --no-refresh -n 10 '$mbq'" \
      --export-json "$results/mbnr-$size-$safe.json" >/dev/null 2>&1 || true
    hyperfine --warmup 1 --runs 5 -N -i \
      --command-name rg "rg -i -n -F -- '$q' '$dir/memory-bank' '$dir/rules'" \
      --export-json "$results/rg-$size-$safe.json" >/dev/null 2>&1
    printf '%s\t%s\t%s\t%s\n' "$q" "$(median_of "$results/mb-$size-$safe.json")" \
      "$(median_of "$results/rg-$size-$safe.json")" "$(median_of "$results/mbnr-$size-$safe.json")" \
      >> "$results/queries-$size.tsv"
  done
  /usr/bin/time -f '%M' -o "$results/search-$size.rss" "$mb" -C "$dir" search refquota >/dev/null

  # Refresh after one file changes (a line appended before each run).
  file=$(find "$dir/memory-bank" -name '*.md' | sort | sed -n 1p)  # sed reads all: no SIGPIPE under pipefail
  hyperfine --warmup 1 --runs 10 -N \
    --prepare "sh -c 'echo \"- refreshed at \$(date +%s%N)\" >> \"$file\"'" \
    "'$mb' -C '$dir' index" --export-json "$results/refresh-$size.json" >/dev/null \
    || { echo "the refresh benchmark failed at $size; rerun: bench/search.sh $size" >&2; continue; }
  refresh=$(median_of "$results/refresh-$size.json")

  python3 - "$results/queries-$size.tsv" "$bytes" "$build" "$refresh" "$index_mib" \
    "$(cat "$results/build-$size.rss")" "$(cat "$results/search-$size.rss")" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
size, build, refresh = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
mb = [float(r[1]) for r in rows]
rg = [float(r[2]) for r in rows]
nr = [float(r[3]) for r in rows]
print(f"{'query':24} {'mb ms':>8} {'no-refresh':>11} {'rg ms':>9} {'rg/mb':>7}")
for (q, a, b, c) in rows:
    print(f"{q:24} {float(a)*1e3:8.1f} {float(c)*1e3:11.1f} {float(b)*1e3:9.1f} {float(b)/float(a):7.1f}")
p50_mb, p50_rg, p50_nr = statistics.median(mb), statistics.median(rg), statistics.median(nr)
print(f"p50 over {len(rows)} queries: mb {p50_mb*1e3:.1f} ms (rg/mb {p50_rg/p50_mb:.1f}x), "
      f"mb --no-refresh {p50_nr*1e3:.1f} ms (rg/mb {p50_rg/p50_nr:.1f}x), rg {p50_rg*1e3:.1f} ms")
print(f"full build: {build:.2f} s = {size/build/1048576:.1f} MiB/s; index {sys.argv[5]} MiB; peak RSS build {int(sys.argv[6])//1024} MiB, search {int(sys.argv[7])//1024} MiB")
print(f"refresh after one file changed: {refresh*1e3:.0f} ms")
PY
done
