#!/usr/bin/env bash
# bench/history.sh: how long reading a handbook's git history takes (issue 16's change
# feeds and the report's dates, read with gix by src/history.rs).
#
# Usage: bench/history.sh [--commits N] [--files N] [--debug]
#   Makes $HISTORY_DIR/repo (default /tmp/handbook-history) with the `git` program: a
#   handbook of N files (default 1,000) in `handbook/`, 50 to a folder, and N commits
#   (default 2,000), each changing 3 handbook files (never the first 100, so every
#   commit must be walked to date them) or, every fifth, a file outside the handbook.
#   Then times examples/history-walk.rs on `handbook/` (release, or debug with --debug).
set -euo pipefail
cd "$(dirname "$0")/.."

commits=2000
files=1000
profile=--release
while [ $# -gt 0 ]; do
  case "$1" in
    --commits) commits="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --debug) profile=""; shift ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done

dir="${HISTORY_DIR:-/tmp/handbook-history}"
rm -rf "$dir/repo"
mkdir -p "$dir/repo"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git -C "$dir/repo" init --quiet --initial-branch=main

# A fast-import stream: one commit adds every file, then each commit changes a few.
python3 - "$commits" "$files" > "$dir/stream" <<'EOF'
import sys
commits, files = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout
def path(i):
    return f"handbook/content/section-{i // 50:02}/page-{i:04}.md"
def blob(text):
    data = text.encode()
    out.write(f"data {len(data)}\n")
    out.write(text + "\n")
def commit(n, message, changes):
    out.write("commit refs/heads/main\n")
    out.write(f"committer Bench <bench@example.org> {1_600_000_000 + n * 3600} +0100\n")
    blob(message)
    for name, text in changes:
        out.write(f"M 100644 inline {name}\n")
        blob(text)
    out.write("\n")
commit(0, "Add the handbook", [(path(i), f"# Page {i}\n\nVersion 0.\n") for i in range(files)]
       + [("src/main.rs", "fn main() {}\n")])
for n in range(1, commits):
    if n % 5 == 0:
        commit(n, f"Change outside the handbook {n}", [("src/main.rs", f"// {n}\nfn main() {{}}\n")])
    else:
        picks = sorted({100 + (n * k * 7919) % (files - 100) for k in (1, 2, 3)})
        commit(n, f"Change {len(picks)} pages ({n})",
               [(path(i), f"# Page {i}\n\nVersion {n}.\n") for i in picks])
EOF
git -C "$dir/repo" fast-import --quiet < "$dir/stream"
git -C "$dir/repo" checkout --quiet main
echo "repository: $(git -C "$dir/repo" rev-list --count HEAD) commits," \
  "$(git -C "$dir/repo" ls-files handbook | wc -l) handbook files"

cargo build --quiet $profile --example history-walk
bin="target/$([ -n "$profile" ] && echo release || echo debug)/examples/history-walk"
"$bin" "$dir/repo/handbook"
