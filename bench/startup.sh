#!/usr/bin/env bash
# Start to first frame of the board (B1), measured from outside through tmux with the peers' harness
# (../shared/bench/peers/tmuxbench.mjs): 5 runs, median/min/max. Needs tmux and a built dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
harness=${TMUXBENCH:-../shared/bench/peers/tmuxbench.mjs}
home=$(mktemp -d)/board
trap 'rm -rf "$(dirname "$home")"' EXIT
node dist/cli.js --home "$home" add "First frame card" --status inbox >/dev/null
node "$harness" startup --label xsarena-node --ready 'First frame card' --json bench/results/startup.jsonl -- \
  "exec node $PWD/dist/cli.js --home $home" | grep -E '"(medianMs|minMs|maxMs)"'
node "$harness" startup --label xsarena-npm-start --ready 'First frame card' --json bench/results/startup.jsonl -- \
  "cd $PWD && XSARENA_HOME=$home exec npm start" | grep -E '"(medianMs|minMs|maxMs)"'
