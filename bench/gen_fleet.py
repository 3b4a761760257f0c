#!/usr/bin/env python3
"""Writes a synthetic fleet for the scale benchmark (bench/scale.sh) into DIR:

  DIR/inventory.ini          HOSTS hosts in 20 groups (`site1`…`site20`)
  DIR/rules/fleet.md         40 checks on every host: ini keys of one file, lines of another,
                             command outputs compared as text, numbers and patterns
  DIR/memory-bank/…          a one-entry Memory Bank, so the repository is a normal one
  DIR/mb.toml
  DIR/seed.json              a saved run holding every host's facts (one host in 50 has drifted
                             on some check, one in 500 could not be reached)

`mb audit --replay DIR/seed.json` then judges 40 checks on every host from those facts, which is
the engine's whole path (plan, evaluate, save, report) without the network.

    bench/gen_fleet.py DIR HOSTS
"""
import json
import os
import sys

CHECKS = 40
INI_KEYS = 12  # checks on keys of /etc/app/app.ini
LINES = 8  # checks that /etc/app/limits.conf contains a line
COMMANDS = CHECKS - INI_KEYS - LINES  # commands: text, number and pattern expectations


def rules():
    out = ["# Fleet baseline\n\nThe settings every host keeps (synthetic, for the scale benchmark).\n"]
    for i in range(INI_KEYS):
        out.append(
            f"""```mb-check
id: app-key-{i:02}
title: app.ini keeps key{i} = v{i}
hosts: all
probe:
  file: /etc/app/app.ini
  ini: {{ section: main, key: key{i} }}
expect:
  equals: v{i}
```
"""
        )
    for i in range(LINES):
        out.append(
            f"""```mb-check
id: limits-line-{i:02}
title: limits.conf sets nofile for service{i}
hosts: all
probe:
  file: /etc/app/limits.conf
expect:
  contains: "service{i} - nofile 65536"
```
"""
        )
    for i in range(COMMANDS):
        kind = i % 3
        if kind == 0:
            expect = f"  equals: enabled"
            command = f"systemctl is-enabled unit{i}"
        elif kind == 1:
            expect = "  size_equals: 1M"
            command = f"sysctl -n fs.limit{i}"
        else:
            expect = f'  matches: "^ok( |$)"'
            command = f"check-health component{i}"
        out.append(
            f"""```mb-check
id: cmd-{i:02}
title: {command} as decided
hosts: all
probe:
  command: "{command}"
expect:
{expect}
```
"""
        )
    return "\n".join(out)


def command_output(i, drift):
    kind = i % 3
    if kind == 0:
        return ("disabled\n", 1) if drift else ("enabled\n", 0)
    if kind == 1:
        return ("900\n" if drift else "1048576\n", 0)
    return ("degraded\n" if drift else "ok all components\n", 1 if drift else 0)


def host_facts(n):
    drift = n % 50 == 7
    ini = "[main]\n" + "".join(
        f"key{i} = {'other' if drift and i == n % INI_KEYS else f'v{i}'}\n" for i in range(INI_KEYS)
    )
    limits = "".join(f"service{i} - nofile 65536\n" for i in range(LINES) if not (drift and i == 3))
    facts = [
        {"probe": {"kind": "file", "path": "/etc/app/app.ini"}, "fact": {"state": "file", "content": ini}},
        {"probe": {"kind": "file", "path": "/etc/app/limits.conf"}, "fact": {"state": "file", "content": limits}},
    ]
    for i in range(COMMANDS):
        command = ["systemctl is-enabled unit", "sysctl -n fs.limit", "check-health component"][i % 3] + str(i)
        stdout, status = command_output(i, drift and i % 4 == 1)
        facts.append(
            {"probe": {"kind": "command", "command": command}, "fact": {"state": "output", "stdout": stdout, "status": status}}
        )
    return facts


def main():
    out, hosts = sys.argv[1], int(sys.argv[2])
    os.makedirs(os.path.join(out, "rules"), exist_ok=True)
    os.makedirs(os.path.join(out, "memory-bank"), exist_ok=True)
    with open(os.path.join(out, "rules", "fleet.md"), "w") as f:
        f.write(rules())
    with open(os.path.join(out, "memory-bank", "activeContext.md"), "w") as f:
        f.write("# Active Context\n\n## Decisions\n\n- 2026-01-05: Every host keeps the fleet baseline.\n")
    with open(os.path.join(out, "mb.toml"), "w") as f:
        f.write('inventory = "inventory.ini"\n')
    groups = 20
    with open(os.path.join(out, "inventory.ini"), "w") as f:
        for g in range(groups):
            f.write(f"[site{g + 1}]\n")
            for n in range(g, hosts, groups):
                f.write(f"host{n:06} ansible_host=10.{n // 65536}.{n // 256 % 256}.{n % 256}\n")
    # The seed run is written host by host: a 100 000-host run is about 1 GB of JSON.
    with open(os.path.join(out, "seed.json"), "w") as f:
        f.write('{"version":1,"run":"2026-01-05T00-00-00Z","mode":"ssh","hosts":[')
        for n in range(hosts):
            unreachable = n % 500 == 11
            record = {
                "name": f"host{n:06}",
                "groups": ["all", f"site{n % groups + 1}"],
                "status": "unreachable" if unreachable else "ok",
                "error": "connection refused" if unreachable else None,
                "duration_ms": 40 + n % 17,
                "facts": [] if unreachable else host_facts(n),
            }
            if n:
                f.write(",")
            json.dump(record, f, separators=(",", ":"))
        f.write('],"findings":[],"summary":{"hosts":%d,"checks":0,"pass":0,"fail":0,"error":0,"skip":0}}\n' % hosts)


if __name__ == "__main__":
    main()
