#!/usr/bin/env bash
# End-to-end wall-time benchmark of the ./ternsim launcher (issue 7, "Speed"): runs one ternsim command several
# times, interleaving JVM-option variants, and prints one Markdown table row per run with wall, user and system CPU
# time, peak RSS and the 1-minute load average at the start of the run. The machine is shared, so single runs are
# noise; compare medians of interleaved runs and look at user CPU as well as wall time.
#
# Usage: tools/e2e-bench.sh [-n RUNS] [-v "JAVA OPTS"]... [--] TERNSIM-ARGS...
#   -n RUNS   runs per variant (default 3)
#   -v OPTS   a variant: words NAME=VALUE are set in the environment, the other words are JVM options passed
#             through TERNSIM_JAVA_OPTS (they come after the launcher's own, so "-XX:TieredStopAtLevel=4" undoes
#             its C1-only choice); repeatable; default one variant with no extra options
# Example, the launcher as it is against the launcher before class-data sharing and C1 (full JIT, no archive):
#   tools/e2e-bench.sh -n 5 -v "" -v "TERNSIM_NO_CDS=1 -XX:TieredStopAtLevel=4" -- simulate
# stdout of ternsim is discarded; each run writes its results under a fresh temporary --out directory unless the
# arguments name one.
set -euo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs=3
variants=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -v) variants+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ ${#variants[@]} -eq 0 ] && variants=("")
[ $# -eq 0 ] && set -- simulate
if ! command -v /usr/bin/time >/dev/null 2>&1 && [ ! -x /usr/bin/time ]; then
  echo "e2e-bench: /usr/bin/time is required" >&2
  exit 2
fi

# Build the jar (and the launcher's start-up archive) once before timing anything.
"$home/ternsim" --version >/dev/null

scratch="$(mktemp -d "${TMPDIR:-/tmp}/ternsim-e2e-bench.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
out_args=()
case " $* " in *" --out "*) ;; *) [ "$1" = simulate ] && out_args=(--out "$scratch/out") ;; esac

echo "| run | variant | wall s | user s | sys s | max RSS MB | load avg 1 min | exit |"
echo "|---|---|---|---|---|---|---|---|"
for ((r = 1; r <= runs; r++)); do
  for v in "${variants[@]}"; do
    load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
    envs=()
    opts=""
    for word in $v; do
      case "$word" in
        [A-Za-z_]*=*) envs+=("$word") ;;
        *) opts="$opts $word" ;;
      esac
    done
    set +e
    env ${envs[@]+"${envs[@]}"} TERNSIM_JAVA_OPTS="${opts# }" /usr/bin/time -o "$scratch/time" -f "%e %U %S %M" \
        "$home/ternsim" "$@" "${out_args[@]}" >/dev/null 2>"$scratch/stderr"
    rc=$?
    set -e
    # /usr/bin/time appends "Command exited with non-zero status" on failure; the last line holds the numbers.
    read -r wall user sys rss <<<"$(tail -n 1 "$scratch/time")"
    printf '| %d | `%s` | %s | %s | %s | %d | %s | %d |\n' \
        "$r" "${v:-(launcher default)}" "$wall" "$user" "$sys" "$((rss / 1024))" "$load" "$rc"
    if [ "$rc" -ne 0 ]; then
      sed 's/^/    stderr: /' "$scratch/stderr" | head -n 5 >&2
    fi
  done
done
