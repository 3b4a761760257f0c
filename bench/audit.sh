#!/usr/bin/env bash
# The audit benchmark: a fleet of N hosts behind real OpenSSH sshd on loopback, audited by
#   1. mb audit (release)                          — a file, an ini key, two services, a zfs property
#   2. Ansible (ansible-core, -m raw, forks 50)     — the same facts
#   3. the connection floor: ssh HOST true via xargs -P 50
#   4. asyncssh (the Python library, 100 connections at a time) — the same probe script as mb
# measured in one run on one machine, with sshd's own CPU time (the real floor on a machine
# that runs both the fleet and the auditor); then mb, asyncssh and the floor take turns for
# $MB_BENCH_ROUNDS rounds (bench/audit_rounds.py), with the CPU of every run accounted for.
#
#   sudo bench/audit.sh            # 200 hosts
#   sudo bench/audit.sh 1000       # 1000 hosts
#   sudo CARGO_TARGET_DIR=/elsewhere MB_BENCH_ROUNDS=9 bench/audit.sh
#   sudo MB_BENCH_SHARDS=4 bench/audit.sh 1000   # only mb: unsharded vs 4 parallel shards, and their merge
#
# Needs root (chroot), openssh-server, openssh-client, busybox, hyperfine, python3-venv
# (Debian: apt-get install openssh-server openssh-client busybox hyperfine python3-venv).
# ansible-core and asyncssh are installed from PyPI into $MB_BENCH_VENV (/tmp/mb-bench-venv). Figures: book/src/audit.md.
set -euo pipefail
cd "$(dirname "$0")/.."

hosts=${1:-200}
work=${MB_BENCH_DIR:-/run/mb-bench-audit}   # under /run: chroot wants root-owned parents
per_sshd=16                                 # OpenSSH listens on at most 16 addresses
jobs=50
rounds=${MB_BENCH_ROUNDS:-5}

. bench/lib.sh
needs /usr/sbin/sshd ssh ssh-keygen hyperfine python3 /bin/busybox
[ "$(id -u)" = 0 ] || { echo "bench/audit.sh needs root (sshd chroots)" >&2; exit 2; }

release --bin mb
mb=$target/release/mb
results=$target/bench-audit
mkdir -p "$results"
venv=${MB_BENCH_VENV:-/tmp/mb-bench-venv}
[ -x "$venv/bin/ansible" ] && "$venv/bin/python" -c 'import asyncssh' 2>/dev/null ||
  { python3 -m venv "$venv"; "$venv/bin/pip" install -q ansible-core asyncssh; }

cleanup() {
  [ -f "$work/pids" ] && xargs -r kill < "$work/pids" 2>/dev/null || true
  # Sessions outlive the listeners; anything whose root is the fleet goes too.
  for p in /proc/[0-9]*; do
    case "$(readlink "$p/root" 2>/dev/null)" in "$work"/*) kill -9 "${p#/proc/}" 2>/dev/null || true ;; esac
  done
}
trap cleanup EXIT
cleanup
rm -rf "$work"; mkdir -p "$work"; chmod 755 "$work"; mkdir -p /run/sshd

# --- one chroot shared by every host: busybox, a login shell, and the facts ---------------
root=$work/root
mkdir -p "$root"/{bin,usr/local/bin,etc/samba,dev,tmp,root}
cp /bin/busybox "$root/bin/busybox"
for lib in $(ldd /bin/busybox | grep -o '/[^ ]*'); do mkdir -p "$root$(dirname "$lib")"; cp "$lib" "$root$lib"; done
for a in $("$root/bin/busybox" --list); do ln -sf busybox "$root/bin/$a"; done
shell=$(getent passwd root | cut -d: -f7)
[ -e "$root$shell" ] || { mkdir -p "$root$(dirname "$shell")"; printf '#!/bin/sh\nexec /bin/sh "$@"\n' > "$root$shell"; chmod 755 "$root$shell"; }
mknod "$root/dev/null" c 1 3; chmod 666 "$root/dev/null"; chmod 1777 "$root/tmp"
printf '[global]\n   server role = standalone server\n   fruit:locking = none\n   fruit:resource = xattr\n' > "$root/etc/samba/smb.conf"
printf '#!/bin/sh\n[ "$1" = is-enabled ] || exit 3\nshift; [ "$1" = -- ] && shift\ncase "$1" in smbd) echo enabled ;; nmbd) echo disabled; exit 1 ;; *) exit 1 ;; esac\n' > "$root/usr/local/bin/systemctl"
printf '#!/bin/sh\necho 3298534883328\n' > "$root/usr/local/bin/zfs"
chmod 755 "$root/usr/local/bin/"*

# --- keys, sshd instances, inventory -----------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
addresses=$(( (hosts + 2) / 3 ))    # three inventory hosts share an address
: > "$work/known_hosts"; : > "$work/inventory.ini"; : > "$work/addresses"
echo "[fleet]" >> "$work/inventory.ini"
for i in $(seq 0 $((addresses - 1))); do
  addr="127.1.$((i / 250)).$((i % 250 + 1))"
  echo "$addr" >> "$work/addresses"
  echo "[$addr]:$port $(cut -d' ' -f1-2 "$work/host_key.pub")" >> "$work/known_hosts"
done
for h in $(seq 1 "$hosts"); do
  addr=$(sed -n "$(( (h - 1) % addresses + 1 ))p" "$work/addresses")
  echo "host$h ansible_host=$addr ansible_port=$port ansible_user=root ansible_ssh_private_key_file=$work/user_key" >> "$work/inventory.ini"
done
split -l "$per_sshd" "$work/addresses" "$work/listen."
for f in "$work"/listen.*; do
  {
    echo "Port $port"; echo "HostKey $work/host_key"; echo "AuthorizedKeysFile $work/authorized_keys"
    echo "PermitRootLogin prohibit-password"; echo "PasswordAuthentication no"; echo "UsePAM no"
    echo "StrictModes no"; echo "LogLevel ERROR"; echo "MaxStartups 2000"; echo "PidFile $f.pid"
    echo "ChrootDirectory $root"
    sed "s/.*/ListenAddress &:$port/" "$f"
  } > "$f.conf"
  # A child subreaper: what the sessions orphan (the probe script's watchdog) is reaped, and
  # its CPU counted, by the listener too.
  python3 -c 'import ctypes, os, sys; ctypes.CDLL(None).prctl(36, 1, 0, 0, 0); os.execv(sys.argv[1], sys.argv[1:])' \
    /usr/sbin/sshd -D -f "$f.conf" & echo $! >> "$work/pids"
done
for addr in $(cat "$work/addresses"); do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/$addr/$port") 2>/dev/null && break; sleep 0.05; done
done

# The checks: a file, an ini key, two services, a zfs property.
repo=$work/repo; mkdir -p "$repo/rules"
cat > "$repo/rules/bench.md" <<'RULES'
# Bench checks

```mb-check
id: smb-present
hosts: all
probe: { file: /etc/samba/smb.conf }
expect: { contains: "[global]" }
```

```mb-check
id: smb-locking
hosts: all
probe: { file: /etc/samba/smb.conf, ini: { section: global, key: "fruit:locking" } }
expect: { equals: none }
```

```mb-check
id: smbd-enabled
hosts: all
probe: { service: smbd }
expect: { equals: enabled }
```

```mb-check
id: nmbd-disabled
hosts: all
probe: { service: nmbd }
expect: { equals: disabled }
```

```mb-check
id: refquota
hosts: all
probe: { zfs: { dataset: tank/timemachine, property: refquota } }
expect: { size_equals: 3T }
```
RULES

# sshd's CPU: each listener's own time plus that of its reaped children (the sessions).
sshd_cpu() {
  python3 - "$work/pids" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK"); total = 0
for pid in open(sys.argv[1]).read().split():
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in f[11:15])
    except OSError:
        pass
print(total / tick)
PY
}

export HOME=$work   # no ~/.ssh keys or known_hosts but the bench's own
ssh_opts="-o BatchMode=yes -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -i $work/user_key -p $port"

# MB_BENCH_HOLD=1: bring the fleet up and keep it (for perf, strace, sshd -d) until interrupted.
if [ -n "${MB_BENCH_HOLD:-}" ]; then
  echo "fleet of $hosts hosts up: $work (inventory.ini, known_hosts, user_key, repo, pids); Ctrl-C ends it"
  echo "mb: $mb -C $repo audit -i $work/inventory.ini -j $jobs --known-hosts $work/known_hosts --no-save"
  sleep infinity
  exit 0
fi

echo "== $hosts hosts on $addresses addresses, $(ls "$work"/listen.*.conf | wc -l) sshd, $(nproc) cores"

# MB_BENCH_SHARDS=N: only mb, unsharded and as N shards audited in parallel on this machine
# (each `--shard K/N -j $jobs`, as N runners would), in turns; then the merge of the N runs.
if [ -n "${MB_BENCH_SHARDS:-}" ]; then
  n=$MB_BENCH_SHARDS
  mbcmd="$mb -C $repo audit -i $work/inventory.ini -j $jobs --known-hosts $work/known_hosts --no-save --format json"
  {
    echo '#!/bin/sh'
    for k in $(seq 1 "$n"); do
      echo "$mb -C $repo audit -i $work/inventory.ini -j $jobs --known-hosts $work/known_hosts --no-save --shard $k/$n --format json > /dev/null &"
    done
    echo 'wait'
  } > "$work/shards.sh"
  python3 bench/audit_rounds.py --pids "$work/pids" --rounds "$rounds" --json "$results/shards-$hosts.json" \
    mb="$mbcmd" "mb-$n-shards"="sh $work/shards.sh"
  # One more sharded run, saved, and merged: the merged run must hold every host.
  rm -rf "$repo/.mb/runs"
  shard_pids=""
  for k in $(seq 1 "$n"); do
    $mb -C "$repo" audit -i "$work/inventory.ini" -j "$jobs" --known-hosts "$work/known_hosts" --shard "$k/$n" --format json > /dev/null &
    shard_pids="$shard_pids $!"
  done
  wait $shard_pids || true   # the shards only: the sshd listeners are children too
  /usr/bin/time -f 'merge: %e s wall, %U+%S s CPU, %M KiB peak' $mb -C "$repo" merge "$repo/.mb/runs" --format json > "$results/merged.json" || true
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('merged:', len(r['hosts']), 'hosts,', r['summary'])" "$results/merged.json"
  exit 0
fi

# 1. mb
mbcmd="$mb -C $repo audit -i $work/inventory.ini -j $jobs --known-hosts $work/known_hosts --no-save --format json"
$mbcmd > "$results/mb-report.json" || true
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); s=r['summary']; bad=[h for h in r['hosts'] if h['status']!='ok']; print('mb: ok hosts', len(r['hosts'])-len(bad), 'pass', s['pass'], 'fail', s['fail'], 'error', s['error']); sys.exit(1 if bad or s['fail'] or s['error'] else 0)" "$results/mb-report.json"
before=$(sshd_cpu)
/usr/bin/time -f '%e %U %S %M' -o "$results/mb.time" $mbcmd > /dev/null || true
after=$(sshd_cpu)
read -r mb_wall mb_user mb_sys mb_rss < "$results/mb.time"
sshd_mb=$(python3 -c "print($after - $before)")
hyperfine --runs 3 -N "$mbcmd" --export-json "$results/mb-$hosts.json" > /dev/null || true

# 2. the connection floor
list=$(awk -F'[ =]' '/^host/ {print $3}' "$work/inventory.ini")
before=$(sshd_cpu)
start=$(date +%s.%N)
echo "$list" | xargs -P "$jobs" -I{} ssh $ssh_opts root@{} true
floor_wall=$(python3 -c "import time; print(time.time() - $start)")
after=$(sshd_cpu)
sshd_floor=$(python3 -c "print($after - $before)")

# 3. Ansible -m raw, forks 50
export ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_SSH_ARGS="-o UserKnownHostsFile=$work/known_hosts -o ControlMaster=no" ANSIBLE_PYTHON_INTERPRETER=auto_silent
raw='cat /etc/samba/smb.conf; systemctl is-enabled smbd; systemctl is-enabled nmbd; zfs get -Hp -o value refquota tank/timemachine'
before=$(sshd_cpu)
start=$(date +%s.%N)
"$venv/bin/ansible" all -i "$work/inventory.ini" -m raw -a "$raw" -f "$jobs" > "$results/ansible.log" 2>&1 || true
ansible_wall=$(python3 -c "import time; print(time.time() - $start)")
after=$(sshd_cpu)
sshd_ansible=$(python3 -c "print($after - $before)")
ansible_ok=$(grep -c '| CHANGED' "$results/ansible.log" || true)

# 4. asyncssh, 100 connections at a time, sending the very script mb sends (mb hosts --script)
"$mb" -C "$repo" hosts host1 -i "$work/inventory.ini" --script > "$work/script.sh"
asynccmd="$venv/bin/python bench/asyncssh_audit.py $work/inventory.ini $work/known_hosts $work/user_key $work/script.sh --jobs 100"
$asynccmd

# mb, asyncssh and the floor in turns, every run's CPU accounted for.
printf '#!/bin/sh\nawk -F"[ =]" "/^host/ {print \\$3}" %s | xargs -P %s -I{} ssh %s root@{} true\n' \
  "$work/inventory.ini" "$jobs" "$ssh_opts" > "$work/floor.sh"
python3 bench/audit_rounds.py --pids "$work/pids" --rounds "$rounds" --json "$results/rounds-$hosts.json" \
  mb="$mbcmd" asyncssh="$asynccmd" ssh-true="sh $work/floor.sh"

python3 - <<PY
hosts, cores = $hosts, $(nproc)
mb_wall, mb_cpu, mb_rss = $mb_wall, $mb_user + $mb_sys, $mb_rss
floor = $sshd_mb / cores
print(f"mb audit:            {mb_wall:6.2f} s  {hosts/mb_wall:6.1f} hosts/s  mb CPU {mb_cpu*1000/hosts:.2f} ms/host  peak RSS {mb_rss//1024} MiB  (sshd CPU {$sshd_mb:.2f} s)")
print(f"ansible -m raw -f 50: {$ansible_wall:6.2f} s  {hosts/$ansible_wall:6.1f} hosts/s  ({$ansible_ok} hosts answered; sshd CPU {$sshd_ansible:.2f} s)")
print(f"ssh true, xargs -P 50: {$floor_wall:6.2f} s  {hosts/$floor_wall:6.1f} hosts/s  (sshd CPU {$sshd_floor:.2f} s = {$sshd_floor*1000/hosts:.1f} ms/login)")
print(f"sshd floor for mb's run: {floor:.2f} s (sshd CPU / {cores} cores)")
print(f"ratios: ansible/mb {$ansible_wall/mb_wall:.1f}x (target >= 4); mb/sshd-floor {mb_wall/floor:.2f} (target <= 1.25); mb CPU {mb_cpu*1000/hosts:.2f} ms/host (target <= 3)")
PY
