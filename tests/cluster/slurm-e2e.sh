#!/usr/bin/env bash
# End to end under a real scheduler: starts munge, slurmctld and slurmd on this machine (one node, 2 CPUs, one
# partition), runs the shipped moe-offload sweep (27 points) as `accelsim sweep --slurm --array 4 --submit`, kills
# tasks mid-run and requeues them, and checks that the merged results.csv and results.jsonl are the bytes of the
# same sweep run locally with --jobs 1. Two runs:
#   1. `scontrol requeue` of a running task (the first caught mid-run): SLURM kills it and queues it again; it resumes from its journal, and
#      the merge job (afterok) runs by itself once the array is done.
#   2. `scancel --signal=KILL` of a running task, then `scontrol requeue`: it resumes likewise, but SLURM counts the
#      cancelled task against afterok, so the merge job is removed (--kill-on-invalid-dep) and is submitted again
#      alone once the array is done, as the merge script says.
# Needs root (to start the daemons) and Debian's slurm-wlm and munge, which it installs if missing. When the
# scheduler cannot be started here it says so and exits 0 (SKIPPED); a check that fails exits 1.
# Not part of `dotnet test`; .ci/run calls it. Usage: tests/cluster/slurm-e2e.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/accelsim-slurm-e2e.XXXXXX)
say() { echo "slurm-e2e: $*"; }
skip() { say "SKIPPED: $*"; exit 0; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "needs root to start munged, slurmctld and slurmd"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >"$work/apt.log" 2>&1 \
    || { apt-get update -qq >>"$work/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >>"$work/apt.log" 2>&1; } \
    || skip "cannot install slurm-wlm and munge (see $work/apt.log)"
fi

# munge: the key the package made, the daemon run as its own user.
mkdir -p /run/munge && chown munge:munge /run/munge
[ -f /etc/munge/munge.key ] || { mungekey --create >/dev/null 2>&1 && chown munge:munge /etc/munge/munge.key; } || skip "no munge key"
started_munge=0
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged || skip "munged does not start"
  started_munge=1
  sleep 1
fi
munge -n | unmunge >/dev/null 2>&1 || skip "munge does not authenticate"

# A one-node cluster in the work directory.
node=$(hostname -s)
mkdir -p "$work/slurm/state" "$work/slurm/spool"
export SLURM_CONF="$work/slurm/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=accelsim-e2e
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# How long a requeued job waits before it starts again (SLURM's default, 120 s, is for real clusters).
AuthInfo=cred_expire=10
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldPidFile=$work/slurm/slurmctld.pid
SlurmdPidFile=$work/slurm/slurmd.pid
SlurmctldLogFile=$work/slurm/slurmctld.log
SlurmdLogFile=$work/slurm/slurmd.log
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
NodeName=$node CPUs=2 State=UNKNOWN
PartitionName=e2e Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
cleanup() {
  scancel --quiet --user=root 2>/dev/null || true
  for daemon in slurmd slurmctld; do
    [ -f "$work/slurm/$daemon.pid" ] && kill "$(cat "$work/slurm/$daemon.pid")" 2>/dev/null || true
  done
  [ "$started_munge" -eq 1 ] && pkill -u munge munged 2>/dev/null || true
}
trap cleanup EXIT
slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start (see $work/slurm/slurmctld.log)"
slurmd -f "$SLURM_CONF" || skip "slurmd does not start (see $work/slurm/slurmd.log)"
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -qx idle && break
  sleep 0.5
done
sinfo -h -o %t 2>/dev/null | grep -qx idle || skip "the node never became idle (see $work/slurm/*.log)"
say "cluster up: $(sinfo -h -o '%P %D node(s) %c CPUs %t') on $node ($(slurmctld -V))"

say "building the CLI"
dotnet build -c Release "$repo/src/AccelSim.Cli" -v q -nologo >"$work/build.log" 2>&1 || fail "build (see $work/build.log)"
accelsim=(dotnet "$repo/src/AccelSim.Cli/bin/Release/net10.0/accelsim.dll")
spec="$repo/arch-configs/sweeps/moe-offload.yaml"
cd "$work"

# Waits (up to 5 minutes) until a command succeeds.
wait_for() {
  local what=$1; shift
  for _ in $(seq 1500); do
    if "$@"; then return 0; fi
    sleep 0.2
  done
  fail "timed out waiting for $what"
}
points_in() { [ -f "$1/results.jsonl" ] && wc -l <"$1/results.jsonl" || echo 0; }
# Some task of the array is running with some, not all, of its points in its journal (shards hold 6 or 7 of the 27):
# its number goes to $victim. Whichever task it is, so a fast machine still gives one to kill.
mid_run() {
  local task state
  for task in "${@:3}"; do
    state=$(squeue -h -j "$1_$task" -o %T 2>/dev/null || true)
    if [ "$state" = RUNNING ] && [ "$(points_in "$2/shard-$task")" -ge 1 ] && [ "$(points_in "$2/shard-$task")" -lt 5 ]; then
      victim=$task
      return 0
    fi
  done
  return 1
}
gone() { [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; }
requeue() {
  scontrol requeue "$1_$2"
  wait_for "task $2 to be pending again" bash -c "squeue -h -j $1_$2 -o %T | grep -qx PENDING"
}

say "local reference: accelsim sweep moe-offload.yaml --jobs 1"
"${accelsim[@]}" sweep "$spec" --jobs 1 --out local >"$work/local.log" 2>&1 || fail "local sweep (see $work/local.log)"

submit() {
  "${accelsim[@]}" sweep "$spec" --slurm --array 4 --cpus 1 --time 00:30:00 --out "$1" --submit | tee "$work/$1.submit.log"
  array=$(grep -o 'job array [0-9]*' "$work/$1.submit.log" | grep -o '[0-9]*')
  merge=$(grep -o 'merge job [0-9]*' "$work/$1.submit.log" | grep -o '[0-9]*')
}

compare() {
  for f in results.csv results.jsonl; do
    cmp -s "local/$f" "$1/merged/$f" || fail "$1/merged/$f differs from the local --jobs 1 run"
  done
  say "$1: merged results.csv and results.jsonl are byte-identical to the local --jobs 1 run ($(($(wc -l <"$1/merged/results.csv") - 1)) points)"
}

resumed() {
  grep -q "restart 1" "$1/slurm/logs/shard-$2.log" || fail "task $2 did not run again"
  local done
  done=$(grep -o '[0-9]* already done' "$1/slurm/logs/shard-$2.log" | tail -1 | grep -o '^[0-9]*')
  [ "${done:-0}" -ge 1 ] || fail "task $2 did not resume from its journal"
  say "$1: task $2 ran again (restart 1) and resumed with $done of its points already done"
}

say "run 1: scontrol requeue of a running task"
submit requeue
wait_for "a task of $array mid-run" mid_run "$array" requeue 1 2 3 4
say "requeue: killing task $victim mid-run with $(points_in "requeue/shard-$victim") of its points done: scontrol requeue ${array}_$victim"
requeue "$array" "$victim"
wait_for "the array $array to finish" gone "$array"
wait_for "the merge job $merge to finish" gone "$merge"
[ -f requeue/merged/results.csv ] || fail "the merge job did not run (see requeue/slurm/logs/merge.log)"
resumed requeue "$victim"
compare requeue

say "run 2: scancel --signal=KILL of a running task, then scontrol requeue"
submit kill
# Any task caught mid-run, the later ones first when they are running.
wait_for "a task of $array mid-run" mid_run "$array" kill 3 4 1 2
say "kill: killing task $victim mid-run with $(points_in "kill/shard-$victim") of its points done: scancel --signal=KILL ${array}_$victim"
scancel --signal=KILL "${array}_$victim"
wait_for "task $victim to end" bash -c "[ -z \"\$(squeue -h -j ${array}_$victim)\" ]"
requeue "$array" "$victim"
wait_for "the array $array to finish" gone "$array"
wait_for "the merge job $merge to leave the queue" gone "$merge"
[ ! -f kill/merged/results.csv ] || fail "the merge ran although a task was cancelled"
say "kill: the merge job $merge was removed (a cancelled task never satisfies afterok); submitting kill/slurm/merge.sbatch alone"
again=$(sbatch --parsable kill/slurm/merge.sbatch)
wait_for "the merge job $again to finish" gone "${again%%;*}"
[ -f kill/merged/results.csv ] || fail "the resubmitted merge did not run (see kill/slurm/logs/merge.log)"
resumed kill "$victim"
compare kill
say "PASSED (work directory $work)"
