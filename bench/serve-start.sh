#!/usr/bin/env bash
# `loa serve` on a large site: time from start to the first page served, then its memory after
# the first build, after a reader's first search (the index is made then) and after five edits.
# Not a test: see docs/performance.md. Linux only (reads /proc).
#
#   bench/serve-start.sh target/release/loa /tmp/c10k [ARTICLE]
#
# ARTICLE (default: the corpus's bai-05000.md) is appended to and then put back as it was.
set -euo pipefail
bin=$1
site=$2
article=${3:-$(find "$site/content" -name 'bai-05000.md' | head -n 1)}
port=1700
url="http://127.0.0.1:$port/cchc/"
log=$(mktemp)
backup=$(mktemp)
cp "$article" "$backup"

start=$(date +%s.%N)
"$bin" --root "$site" --now 2027-01-01 serve --port "$port" >"$log" 2>&1 &
pid=$!
trap 'cp "$backup" "$article"; kill "$pid" 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; do sleep 0.02; done
end=$(date +%s.%N)
echo "first page served after $(awk "BEGIN { print $end - $start }") s"
memory() { echo "$1: $(grep -E 'VmHWM|VmRSS' "/proc/$pid/status" | tr -s ' \t\n' ' ')"; }
sleep 8
memory "after the first build"
curl -s -o /dev/null "${url}tim-kiem/chi-muc.json"
sleep 3
memory "after the first search"
for i in 1 2 3 4 5; do
  echo "Thêm một dòng $i." >>"$article"
  sleep 2
done
memory "after five edits"
grep -E 'dựng lại' "$log" | tail -n 5
