#!/usr/bin/env bash
# The API case of the audit benchmark: 100 Proxmox clusters of 3 nodes each, answered by the
# stand-in API (examples/pve_server.rs, HTTPS on loopback), audited by `mb audit` with the
# firewall checks (3 cluster paths and 1 node path per node). Prints wall time, the requests
# the server answered (which must equal the distinct endpoints: 100 x 3 + 300 = 600), and mb's
# CPU per request.
#
#   bench/api.sh
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time). Figures: book/src/audit.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
needs hyperfine python3 /usr/bin/time
release --bin mb --example pve_server
mb=$target/release/mb
server=$target/release/examples/pve_server
work=${MB_BENCH_DIR:-/tmp/mb-bench-api}
rm -rf "$work"; mkdir -p "$work/rules"; cd "$work"

python3 - <<'PY'
import json
rules = lambda pos, iface, source, action: {k: v for k, v in {"pos": pos, "type": "in", "action": action, "iface": iface, "source": source, "enable": 1, "digest": f"d{pos}"}.items() if v is not None}
routes = {
    "/cluster/firewall/options": {"data": {"enable": 1, "policy_out": "ACCEPT", "digest": "o"}},
    "/cluster/firewall/rules": {"data": [rules(0, "lo", None, "ACCEPT"), rules(1, None, "+admin_network", "ACCEPT"), rules(2, "wg0", None, "ACCEPT"), rules(3, None, None, "DROP")]},
    "/cluster/firewall/ipset/admin_network": {"data": [{"cidr": "10.10.68.0/24", "digest": "i"}]},
}
for c in range(100):
    for n in range(3):
        routes[f"/nodes/c{c}n{n}/firewall/options"] = {"data": {"enable": 1, "digest": "n"}}
json.dump({"token": "audit@pve!mb=bench-secret", "log": "requests.log", "routes": routes}, open("scenario.json", "w"))
PY
"$server" scenario.json > server.json &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s server.json ] && break; sleep 0.1; done
port=$(python3 -c 'import json; print(json.load(open("server.json"))["port"])')
fp=$(python3 -c 'import json; print(json.load(open("server.json"))["fingerprint"])')

python3 - "$port" "$fp" <<'PY'
import sys
port, fp = sys.argv[1], sys.argv[2]
lines = ["all:", "  children:"]
for c in range(100):
    lines += [f"    c{c}:", "      hosts:"] + [f"        c{c}n{n}:" for n in range(3)]
    lines += ["      vars:", f"        mb_pve_cluster: c{c}"]
lines += ["  vars:", f"    mb_pve_api: 127.0.0.1:{port}", f"    mb_pve_fingerprint: \"{fp}\"", "    mb_pve_token_id: \"audit@pve!mb\"", "    admin_network: 10.10.68.0/24"]
open("inventory.yml", "w").write("\n".join(lines) + "\n")
checks = [
    ("fw-enabled", "/cluster/firewall/options", "json: /enable", 'equals: "1"'),
    ("fw-policy-out", "/cluster/firewall/options", "json: /policy_out", "equals: ACCEPT"),
    ("fw-loopback-first", "/cluster/firewall/rules", "json: /0", "any_matches: { iface: lo, action: ACCEPT }"),
    ("fw-admin-not-bound", "/cluster/firewall/rules", "", 'none_matches: { source: "+admin_network", iface: "*" }'),
    ("fw-no-duplicates", "/cluster/firewall/rules", "", "unique_ignoring: [pos, digest]"),
    ("fw-admin-ipset", "/cluster/firewall/ipset/admin_network", "", 'any_matches: { cidr: "{{ admin_network }}" }'),
    ("fw-node-enabled", "/nodes/{node}/firewall/options", "json: /enable", 'equals: "1"'),
]
out = ["# Firewall\n"]
for id, path, sel, exp in checks:
    out.append(f"```mb-check\nid: {id}\nhosts: all\nprobe:\n  api: {path}\n" + (f"  {sel}\n" if sel else "") + f"expect:\n  {exp}\n```\n")
open("rules/firewall.md", "w").write("\n".join(out))
open("mb.toml", "w").write('inventory = "inventory.yml"\n')
PY

export MB_PVE_TOKEN_SECRET=bench-secret
: > requests.log
"$mb" audit --no-save --format json > report.json || true
requests=$(wc -l < requests.log)
python3 - <<'PY'
import json
r = json.load(open("report.json"))
print("findings:", r["summary"])
PY
echo "requests answered in one audit: $requests (distinct endpoints: 600)"
hyperfine --warmup 1 --runs 10 -N "$mb audit --no-save --format json" -i --export-json hyperfine.json
/usr/bin/time -v "$mb" audit --no-save --format json > /dev/null 2> time.txt || true
python3 - <<'PY'
import re
t = open("time.txt").read()
user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
print(f"one run: wall {wall}, mb CPU {(user + sys_) * 1000:.0f} ms = {(user + sys_) * 1000 / 600:.2f} ms per request, peak RSS {rss // 1024} MiB")
PY
