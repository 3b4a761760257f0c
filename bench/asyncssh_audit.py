#!/usr/bin/env python3
"""The asyncssh peer of bench/audit.sh: every inventory host reached with asyncssh (the Python
SSH library), at most --jobs connections at a time, with the bench's user key and known_hosts
(strict), one exec per host of `sh -s` fed the same probe script mb sends (`mb hosts HOST
--script`), so the hosts do the same work for both clients.

    asyncssh_audit.py INVENTORY KNOWN_HOSTS KEY SCRIPT [--jobs 100]

Prints how many hosts answered the whole script; exits 1 when any did not.
"""
import argparse
import asyncio
import sys

import asyncssh


def hosts(inventory):
    """(address, port, user) of each `name ansible_host=… ansible_port=… ansible_user=…` line."""
    out = []
    for line in open(inventory, encoding="utf-8"):
        words = line.split()
        if not words or line.startswith("["):
            continue
        vars_ = dict(w.split("=", 1) for w in words[1:] if "=" in w)
        out.append((vars_.get("ansible_host", words[0]), int(vars_.get("ansible_port", 22)), vars_.get("ansible_user", "root")))
    return out


async def audit(host, key, known_hosts, script, gate):
    address, port, user = host
    async with gate:
        try:
            async with asyncssh.connect(
                address,
                port=port,
                username=user,
                client_keys=[key],
                known_hosts=known_hosts,
                agent_path=None,
                config=None,
                preferred_auth="publickey",
            ) as conn:
                result = await conn.run("sh -s", input=script, encoding=None, check=False)
                return result.stdout
        except (OSError, asyncssh.Error) as e:
            print(f"{address}:{port}: {e}", file=sys.stderr)
            return b""


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("inventory")
    p.add_argument("known_hosts")
    p.add_argument("key")
    p.add_argument("script")
    p.add_argument("--jobs", type=int, default=100)
    a = p.parse_args()
    key = asyncssh.read_private_key(a.key)
    known_hosts = asyncssh.read_known_hosts(a.known_hosts)
    script = open(a.script, "rb").read()
    gate = asyncio.Semaphore(a.jobs)
    fleet = hosts(a.inventory)
    outputs = await asyncio.gather(*(audit(h, key, known_hosts, script, gate) for h in fleet))
    answered = sum(1 for o in outputs if o.endswith(b"@mb done\n"))
    print(f"asyncssh: {answered} of {len(fleet)} hosts answered")
    return 0 if answered == len(fleet) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
