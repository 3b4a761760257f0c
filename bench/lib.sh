# Sourced by the bench scripts: one way to check for tools and to find the release build.
#   needs TOOL...      exits 2 naming the first tool this machine lacks
#   target_dir         sets $target to cargo's target directory (CARGO_TARGET_DIR and
#                      .cargo/config honoured)
#   release ARG...     cargo build --release --locked ARG..., then target_dir
#   corpus_bench       for the benchmarks on generated banks (decisions.sh, search.sh): builds
#                      mb and gen_corpus, sets $mb, $gen, $work ($MB_BENCH_DIR, default
#                      /tmp/mb-bench; generated banks are shared between them) and $results

needs() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$(basename "$0") needs $tool" >&2; exit 2; }
  done
}

target_dir() {
  target=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
}

release() {
  cargo build --release --locked "$@"
  target_dir
}

corpus_bench() {
  release --bin mb --example gen_corpus
  mb=$target/release/mb
  gen=$target/release/examples/gen_corpus
  work=${MB_BENCH_DIR:-/tmp/mb-bench}
  results=$work/results
  mkdir -p "$results"
}
