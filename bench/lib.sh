# shellcheck shell=bash
# bench/lib.sh - helpers shared by the benchmark scripts (sourced, not run).
#
#   bench_peel WORK       sets $peel: $PEEL if given, else a Release build of
#                         peel in build-bench/ (its log in WORK/build.log)
#   cpu_ms CMD...         runs CMD (stdout discarded) once and sets CPU_MS, the
#                         CPU time of the process (user + system) in
#                         milliseconds: perf stat's task-clock where perf runs,
#                         else /usr/bin/time (10 ms resolution)
#   cpu_ms_runs N CMD...  runs it N times; sets CPU_LIST, CPU_MIN and CPU_MED
#   bench_median X...     the median of the numbers
#   generated_by PEEL ARGS...
#                         what a generated data set is: the `peel generate`
#                         options, and a hash of what this peel's generator
#                         writes for a small sample, so that a kept data set
#                         is made again when the options or the generator
#                         (its source, or another PEEL=) change
#
# A query's CPU time says more than its wall time on a machine shared with
# other work: waiting for a core does not count.

bench_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)

bench_peel() {
    if [[ -n ${PEEL:-} ]]; then
        peel=$PEEL
        [[ -x $peel ]] || { echo "PEEL=$peel is not an executable" >&2; return 1; }
        return 0
    fi
    peel="$bench_root/build-bench/peel"
    { cmake -S "$bench_root" -B "$bench_root/build-bench" -DCMAKE_BUILD_TYPE=Release &&
        make -C "$bench_root/build-bench" --no-print-directory -j"$(nproc)" peel; } >"$1/build.log" 2>&1 ||
        { cat "$1/build.log" >&2; echo "the build failed" >&2; return 1; }
}

generated_by() {
    local peel=$1 sample hash
    shift
    sample=$(mktemp -d)
    "$peel" generate --out "$sample" --forces leicestershire,kent --from 2022-01 --to 2022-01 \
        --rows 300 --no-lookups >/dev/null
    hash=$(cat "$sample"/police-uk/*/*.csv | sha256sum | cut -c1-16)
    rm -rf -- "$sample"
    printf 'peel generate %s (its sample %s)\n' "$*" "$hash"
}

bench_median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

cpu_ms() {
    local f
    f=$(mktemp)
    if command -v perf >/dev/null && perf stat -x, -e task-clock -o "$f" -- "$@" >/dev/null 2>&1 &&
        grep -q task-clock "$f"; then
        CPU_MS=$(awk -F, '/task-clock/ { printf "%.1f", $1 }' "$f")
    else
        /usr/bin/time -f '%U %S' -o "$f" "$@" >/dev/null
        CPU_MS=$(tail -n 1 "$f" | awk '{ printf "%.0f", ($1 + $2) * 1000 }')
    fi
    rm -f -- "$f"
}

cpu_ms_runs() {
    local n=$1 k
    shift
    CPU_LIST=()
    for ((k = 0; k < n; k++)); do
        cpu_ms "$@"
        CPU_LIST+=("$CPU_MS")
    done
    # shellcheck disable=SC2034 # read by the scripts that source this
    CPU_MIN=$(printf '%s\n' "${CPU_LIST[@]}" | sort -g | sed -n 1p)
    # shellcheck disable=SC2034
    CPU_MED=$(bench_median "${CPU_LIST[@]}")
}
