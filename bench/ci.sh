#!/usr/bin/env bash
# The `mb ci` benchmark: a repository with a ~10 MB Memory Bank and 500 checks (400 on hosts,
# 100 `scope: repo` checks over 100 templates), whose base and head are 50 commits apart (each
# commit edits decisions and templates), reported with `mb ci --base HEAD~50`.
#
#   bench/ci.sh
#
# Needs hyperfine, python3, git and GNU time (Debian: apt-get install hyperfine time).
# Figures: book/src/performance.md (mb ci).
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
needs hyperfine python3 git /usr/bin/time
release --bin mb
mb=$target/release/mb
work=${MB_BENCH_DIR:-/tmp/mb-bench-ci}
rm -rf "$work"; mkdir -p "$work"; cd "$work"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost
git init -q -b main .

python3 - <<'PY'
import os, random
random.seed(7)
os.makedirs("memory-bank", exist_ok=True); os.makedirs("rules", exist_ok=True); os.makedirs("templates", exist_ok=True)
words = "firewall samba proxmox wireguard quota handler corosync refquota keepalive recordsize journal".split()
out, size, n = [], 0, 0
while size < 10 * 1024 * 1024:
    day = 1 + n % 28
    block = [f"## 2025-{1 + n % 12:02d}-{day:02d} — Change {n}\n", "\n### Decisions\n\n"]
    for k in range(6):
        block.append(f"- **Item {n}.{k}:** keep setting_{n % 800}_{k} = value{n % 7} because " + " ".join(random.choice(words) for _ in range(18)) + ".\n")
    block.append("\n### Learnings\n\n")
    for k in range(4):
        block.append("- " + " ".join(random.choice(words) for _ in range(24)) + ".\n")
    block.append("\n")
    text = "".join(block); out.append(text); size += len(text); n += 1
open("memory-bank/activeContext.md", "w").write("# Active context\n\n" + "".join(out))
for t in range(100):
    open(f"templates/t{t}.conf.j2", "w").write("[global]\n" + "".join(f"   key{j} = v{j}\n" for j in range(40)))
for f in range(10):
    blocks = []
    for c in range(50):
        i = f * 50 + c
        if i % 5 == 0:
            t = i // 5
            blocks.append(f"```mb-check\nid: repo-{i}\nscope: repo\ndecision: \"keep setting_{i % 800}_0\"\nprobe:\n  file: templates/t{t}.conf.j2\n  ini: {{ section: global, key: key{i % 40} }}\nexpect:\n  equals: v{i % 40}\n```\n")
        else:
            blocks.append(f"```mb-check\nid: host-{i}\nhosts: all\nprobe:\n  file: /etc/f{i}.conf\n  ini: {{ section: global, key: k }}\nexpect:\n  equals: v\n```\n")
    open(f"rules/r{f}.md", "w").write(f"# Rules {f}\n\n" + "\n".join(blocks))
PY
git add -A; git commit -qm base
for c in $(seq 1 50); do
  python3 - "$c" <<'PY'
import sys
c = int(sys.argv[1])
p = "memory-bank/activeContext.md"; s = open(p).read()
s = s.replace(f"keep setting_{c}_0 = value", f"keep setting_{c}_0 = changed{c} value", 1)
open(p, "w").write(s)
t = f"templates/t{c % 100}.conf.j2"; s = open(t).read()
open(t, "w").write(s.replace(f"key{c % 40} = v{c % 40}", f"key{c % 40} = drift{c}", 1))
PY
  git commit -qam "change $c"
done
du -sh memory-bank | sed 's/^/memory bank: /'
echo "checks: $(grep -c '^id: ' rules/*.md | awk -F: '{s += $2} END {print s}')"

hyperfine --warmup 1 --runs 10 -N "$mb ci --base HEAD~50 --format json" --export-json "$work/ci.json" -i
/usr/bin/time -v "$mb" ci --base HEAD~50 --format json > "$work/report.json" 2> "$work/time.txt" || true
grep -E "Maximum resident|Elapsed" "$work/time.txt"
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("report:", {k: len(v) for k, v in r["findings"].items()}, "decisions changed", len(r["decisions"]["changed"]), "uncovered", len(r["uncovered"]))
PY
