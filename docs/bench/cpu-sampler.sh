#!/bin/bash
# every 100 ms: epoch ms, CPU ticks (1/100 s) summed over postgres processes, and over java processes
out=$1
while true; do
  pg=0; jv=0
  for s in /proc/[0-9]*/stat; do
    read -r line < "$s" 2>/dev/null || continue
    name=${line#*(}; name=${name%%)*}
    rest=${line##*) }
    set -- $rest
    t=$(( ${12} + ${13} ))
    case "$name" in postgres) pg=$((pg+t));; java) jv=$((jv+t));; esac
  done
  echo "$(date +%s%3N) $pg $jv" >> "$out"
  sleep 0.1
done
