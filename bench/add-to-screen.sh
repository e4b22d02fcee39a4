#!/usr/bin/env bash
# Latency of the live board: `xsarena add` in another process until the card is on the dashboard's
# screen (issue 2: ≤ 500 ms). Prints each run, then the medians. Needs tmux and a built dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=$PWD/dist/cli.js
runs=${RUNS:-5}
home=$(mktemp -d)/board
sock=xsarena-addlat-$$
node "$cli" --home "$home" add "seed card" --status inbox >/dev/null
tmux -L "$sock" new-session -d -s s -x 160 -y 48 "exec node $cli --home $home"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$(dirname "$home")"' EXIT
deadline=$(( $(date +%s) + 20 ))
until tmux -L "$sock" capture-pane -p -t s | grep -q 'seed card'; do
  (( $(date +%s) > deadline )) && { echo "dashboard did not start" >&2; exit 1; }
  sleep 0.05
done
exec_ms=() exit_ms=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%3N)
  node "$cli" --home "$home" add "Card-$i" --status inbox >/dev/null
  t1=$(date +%s%3N)
  until tmux -L "$sock" capture-pane -p -t s | grep -q "Card-$i"; do
    (( $(date +%s%3N) - t1 > 10000 )) && { echo "card $i never appeared" >&2; exit 1; }
    sleep 0.005
  done
  t2=$(date +%s%3N)
  exec_ms+=($((t2 - t0))) exit_ms+=($((t2 - t1)))
  echo "run $i: exec of add → on screen $((t2 - t0)) ms; add exited → on screen $((t2 - t1)) ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: exec → screen $(median "${exec_ms[@]}") ms; exit → screen $(median "${exit_ms[@]}") ms (node $(node --version), $(nproc) cores)"
