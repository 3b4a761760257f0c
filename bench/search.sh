#!/usr/bin/env bash
# The search benchmark: `mb search` against `rg -i -n` on the same files, full index build
# throughput, and the refresh after one file changes — at ~100 MB and ~1 GB of Memory Bank.
#
#   bench/search.sh            # both sizes
#   bench/search.sh 100M       # one size
#   bench/search.sh --freshness [SIZE FILE_SIZE]   # the freshness check alone, at ~66,000
#                              # files by default (1G of 16K files): fresh vs --no-refresh
#
# Needs hyperfine and ripgrep (Debian: apt-get install hyperfine ripgrep) and ~3 GB of disk
# under $MB_BENCH_DIR (default /tmp/mb-bench). Results: a table on stdout, raw hyperfine JSON
# under $MB_BENCH_DIR/results. Figures and the machine they came from: book/src/search.md.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
tools=(hyperfine python3); [[ ${1:-} == --freshness ]] || tools+=(rg)
needs "${tools[@]}"

release --bin mb --example gen_corpus
mb=$target/release/mb
gen=$target/release/examples/gen_corpus
work=${MB_BENCH_DIR:-/tmp/mb-bench}
results=$work/results
mkdir -p "$results"

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
  # What the check before every search costs when nothing changed: a search with it, the same
  # search without it, and `mb index` (the check alone, plus opening the index).
  size=${2:-1G} file_size=${3:-16K}
  dir=$work/corpus-$size-$file_size
  [[ -d $dir/memory-bank ]] || "$gen" "$size" "$dir" 42 "$file_size"
  files=$(find "$dir/memory-bank" "$dir/rules" -name '*.md' | wc -l)
  "$mb" -C "$dir" index >/dev/null
  hyperfine --warmup 2 --runs 15 -N \
    --command-name fresh "'$mb' -C '$dir' search -n 10 refquota" \
    --command-name no-refresh "'$mb' -C '$dir' search --no-refresh -n 10 refquota" \
    --command-name "mb index" "'$mb' -C '$dir' index" \
    --export-json "$results/freshness-$size-$file_size.json" >/dev/null
  /usr/bin/time -f '%U %S' -o "$results/freshness.cpu" "$mb" -C "$dir" search -n 10 refquota >/dev/null
  /usr/bin/time -f '%U %S' -o "$results/no-refresh.cpu" "$mb" -C "$dir" search --no-refresh -n 10 refquota >/dev/null
  python3 - "$results/freshness-$size-$file_size.json" "$files" "$results/freshness.cpu" "$results/no-refresh.cpu" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
cpu = lambda f: sum(float(v) for v in open(f).read().split())
print(f"{sys.argv[2]} files: fresh search {r['fresh']*1e3:.0f} ms, --no-refresh {r['no-refresh']*1e3:.0f} ms, "
      f"mb index (nothing changed) {r['mb index']*1e3:.0f} ms; the check costs {(r['fresh']-r['no-refresh'])*1e3:.0f} ms "
      f"wall, {(cpu(sys.argv[3])-cpu(sys.argv[4]))*1e3:.0f} ms CPU")
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
