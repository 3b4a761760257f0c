#!/usr/bin/env python3
"""Runs audit commands alternately, round after round, and accounts for the CPU of each run.

    audit_rounds.py --pids SSHD_PIDS --rounds N --json OUT NAME=COMMAND...

A shared, noisy machine moves absolute times between minutes, so the commands take turns
(round 1: A B C, round 2: B C A, …) and each round's ratios compare runs made moments apart.
For every run it reads:
  wall        the command's elapsed time;
  client CPU  its user+system time, children included (wait4);
  host CPU    the sshd listeners' own and reaped children's time: every login, its session,
              the shell and everything the script forked on the "host" (the listeners are
              started as child subreapers, so even processes orphaned on the host are reaped,
              and counted, by them);
  machine CPU all busy time in /proc/stat; what neither the client nor the hosts account for
              is the kernel's own work (softirq, loopback) and whatever else the machine ran.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import time

TICK = os.sysconf("SC_CLK_TCK")


def host_cpu(pids):
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])
        except OSError:
            pass
    return total / TICK


def machine_cpu():
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICK


def run(command, pids):
    h0, m0, t0 = host_cpu(pids), machine_cpu(), time.perf_counter()
    child = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    # Sessions end after the client has its answer; let the hosts' last exits land.
    time.sleep(0.3)
    host, machine = host_cpu(pids) - h0, machine_cpu() - m0
    client = usage.ru_utime + usage.ru_stime
    return {
        "wall": wall,
        "client_cpu": client,
        "host_cpu": host,
        "machine_cpu": machine,
        "other_cpu": machine - host - client,
        "status": os.waitstatus_to_exitcode(status),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pids", required=True)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--json")
    p.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    a = p.parse_args()
    pids = open(a.pids).read().split()
    commands = [c.split("=", 1) for c in a.commands]
    runs = {name: [] for name, _ in commands}
    for r in range(a.rounds):
        order = commands[r % len(commands):] + commands[: r % len(commands)]
        for name, command in order:
            runs[name].append(run(command, pids))
        line = "  ".join(f"{n} {runs[n][-1]['wall']:.2f}s" for n, _ in commands)
        print(f"round {r + 1}: {line}", flush=True)
    first = commands[0][0]
    print(f"{'':12} {'wall (median)':>14} {'range':>13} {'client CPU':>11} {'host CPU':>9} {'other CPU':>10}  vs {first} (per-round ratio)")
    for name, _ in commands:
        rs = runs[name]
        med = lambda k: statistics.median(x[k] for x in rs)
        ratios = [x["wall"] / y["wall"] for x, y in zip(rs, runs[first])]
        print(
            f"{name:12} {med('wall'):13.2f}s {min(x['wall'] for x in rs):6.2f}–{max(x['wall'] for x in rs):5.2f}s"
            f" {med('client_cpu'):10.2f}s {med('host_cpu'):8.2f}s {med('other_cpu'):9.2f}s"
            f"  {statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f})"
        )
    if a.json:
        json.dump(runs, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
