#!/usr/bin/env bash
# Benchmark of `loa build` and `loa serve` against Hugo on generated sites.
#
#   bench/run.sh [SIZES…]            default: 1000 10000 30000 articles
#
# For each size: the corpus (examples/gen-corpus.rs, cached in $BENCH_DIR), a warm-up build of
# each tool, then N clean builds of loa and of Hugo, alternating, each into an output folder never
# used before (all are deleted when the bench ends, see `newdir`),
# timed by GNU time (wall, user+sys CPU, peak RSS); then N rebuilds with nothing changed (loa must
# write no file); then, at the sizes of $LATENCY_SIZES, the `serve` edit-to-served latency
# (examples/serve-latency.rs). Prints Markdown tables with medians and loa/Hugo ratios, and keeps
# them in $BENCH_DIR/results-*.md. See docs/performance.md.
#
# Environment:
#   N=5                         timed runs per measure (after one warm-up), medians reported
#   BENCH_DIR=/tmp/loa-bench    corpora, outputs and results (put it on the disk you care about)
#   LOA, GEN, LATENCY           prebuilt binaries of loa, gen-corpus and serve-latency; without
#                               them the script runs `cargo build --release --bin loa --examples`
#   HUGO=hugo                   the Hugo binary; skipped, with the reason, when absent
#   LATENCY_SIZES="10000 30000" sizes (among SIZES) at which `serve` latency is measured
#   EDITS=20                    article edits and summary edits per latency measure (half as
#                               many title, tag and template edits)
#   HUGO_REBUILDS=1             0 skips Hugo's no-change rebuilds (no target depends on them;
#                               they take as long as its clean builds)
#   DROP_CACHES=1               0 keeps the page cache between runs (see `settle`); dropping
#                               it needs root, and without root the bench says so and keeps it
#   KEEP_MEMORY=1               0 lets a virtual machine go on giving its free memory back to
#                               its host during the bench (see `keep_memory`); needs root
#
# Not part of `cargo test` or CI: it times things, and the figures depend on the machine.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
N=${N:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/loa-bench}
HUGO=${HUGO:-hugo}
LATENCY_SIZES=${LATENCY_SIZES:-10000 30000}
EDITS=${EDITS:-20}
HUGO_REBUILDS=${HUGO_REBUILDS:-1}
DROP_CACHES=${DROP_CACHES:-1}
KEEP_MEMORY=${KEEP_MEMORY:-1}
NOW=2027-01-01
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 30000); fi

die() { echo "bench: $*" >&2; exit 1; }

/usr/bin/time -f %e true >/dev/null 2>&1 ||
    die "GNU time is needed at /usr/bin/time: apt-get install -y time"

if [ -z "${LOA:-}" ] || [ -z "${GEN:-}" ] || [ -z "${LATENCY:-}" ]; then
    echo "bench: building loa and the examples (cargo build --release --bin loa --examples)" >&2
    (cd "$repo" && cargo build --release --bin loa --examples)
    target=$(cd "$repo" && cargo metadata --format-version 1 --no-deps |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    LOA=${LOA:-$target/release/loa}
    GEN=${GEN:-$target/release/examples/gen-corpus}
    LATENCY=${LATENCY:-$target/release/examples/serve-latency}
fi
for bin in "$LOA" "$GEN" "$LATENCY"; do [ -x "$bin" ] || die "not an executable: $bin"; done

if command -v "$HUGO" >/dev/null 2>&1; then
    hugo_version=$("$HUGO" version | head -n1)
else
    hugo_version=""
    echo "bench: Hugo is not installed, so it is skipped (Debian: apt-get install -y hugo)" >&2
fi

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
# One bench at a time: a second one would time its builds against the first's, and its start
# against the first's cleaning. The lock is held until this shell ends, its cleaning included.
exec 9>"$BENCH_DIR/.lock"
flock -n 9 || die "another bench is running in $BENCH_DIR (it holds $BENCH_DIR/.lock)"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$BENCH_DIR/results-$stamp.md"
log="$BENCH_DIR/log-$stamp.txt"
: >"$log"

# --- small helpers -----------------------------------------------------------------------------

# Median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g | head -n1; }
maximum() { sort -g | tail -n1; }
# a/b with 2 decimals, or "–" when either is missing.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0 || a == "nan" || b == "nan") print "–"; else printf "%.2f", a / b }'; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# CPU time the hypervisor gave to others while this machine wanted it ("steal", all cores, in
# clock ticks): a virtual machine's builds slow down when its host is busy, and this tells such
# a run from a slower tool.
steal_ticks() { awk '/^cpu / { print $9 }' /proc/stat; }
ticks_per_s=$(getconf CLK_TCK)

# Runs "$@" under GNU time; appends "wall cpu rss_kib load steal_s" to the file $1 and keeps
# the command's output of the last run in $1.out.
timed() {
    local into=$1 t load steal
    shift
    t=$(mktemp)
    load=$(load1)
    steal=$(steal_ticks)
    if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$into.out" 2>&1; then
        echo "bench: failed: $*" >&2
        tail -n 20 "$into.out" >&2
        rm -f "$t"
        exit 1
    fi
    cat "$into.out" >>"$log"
    steal=$(($(steal_ticks) - steal))
    tail -n1 "$t" | awk -v l="$load" -v st="$steal" -v hz="$ticks_per_s" \
        '{ printf "%s %.2f %s %s %.2f\n", $1, $2 + $3, $4, l, st / hz }' >>"$into"
    rm -f "$t"
}

# The commands, as arrays for GNU time: "${loa[@]}" OUT builds the current corpus into OUT.
set_commands() {
    loa=("$LOA" --root "$1" build --now "$NOW" --output)
    hugo=("$HUGO" --source "$here/hugo" --contentDir "$1/content" --buildFuture --noBuildLock
        --cacheDir "$BENCH_DIR/hugo-cache" --destination)
}

# Free page reporting: a virtual machine may hand each free block of its memory back to its
# host (the machine of docs/performance.md reports every free block of 2 MiB within seconds),
# and its next write to that memory waits for the host to give a page again. Emptying the page
# cache before each build frees gigabytes, so every build then writes into memory the host took
# back: copying 2 GB of pages into a new file took 3-5 s of system time there, against 0.36 s
# with reporting off and the memory written once; a 100,000-article build spent 16.0 s of
# system time instead of 10.2 s. An office PC has no such thing. So, as root, the bench turns
# the reporting off for its duration (an order above the largest block: nothing qualifies),
# writes the free memory once so that the host backs it again, and puts the setting back at
# the end.
reporting=/sys/module/page_reporting/parameters/page_reporting_order
reporting_was=""
memory_written=0
keep_memory() {
    [ "$KEEP_MEMORY" != 0 ] || return 0
    if [ ! -w "$reporting" ]; then
        [ ! -e "$reporting" ] || echo "bench: cannot stop free page reporting (needs root)" >&2
        return 0
    fi
    reporting_was=$(cat "$reporting")
    echo 11 >"$reporting" # above the largest block (order 10): nothing is reported
    command -v python3 >/dev/null || { echo "bench: no python3: free memory not written once" >&2; return 0; }
    python3 -c '
kib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemAvailable:"))
n = max(kib * 1024 - (1 << 30), 0)
b = bytearray(n)
for i in range(0, n, 4096):
    b[i] = 1
' && memory_written=1
}
restore_reporting() { [ -z "$reporting_was" ] || echo "$reporting_was" >"$reporting"; }

# A new output folder for each clean build; none is deleted before the bench ends. On ext4
# without a journal (as on the machine of docs/performance.md), creating files within minutes
# of deleting many others is slow: the inode allocator steps over each recently deleted inode
# (recently_deleted() in fs/ext4/ialloc.c), which cost 3-14 s of kernel time per clean build
# of 10,000 articles when each run deleted the previous one's folder, whichever tool ran.
# The same holds from one bench to the next: this one's folders are deleted when it ends (1.2
# million files after three runs of each tool at 100,000 articles), and ext4 passes over an inode
# freed in the last minute, or the last six while its table's block is unwritten. Two minutes
# after such a deletion loa built 10,000 articles in 3.4-4.0 s (2.5-3.2 s of system time), eight
# minutes after in 1.3-1.6 s (0.9-1.1 s): the first tool measured paid for the last bench. So
# the end of the cleaning is noted, and a bench started within seven minutes of it waits.
runs="$BENCH_DIR/runs-$stamp"
cleaned="$BENCH_DIR/.cleaned"
trap 'restore_reporting; rm -rf "$runs"; touch "$cleaned"' EXIT
# A bench stopped during its cleaning (its terminal closed, the machine shut down) leaves its
# folders, up to 9 GB. Holding the lock, this one knows no other bench uses them: they are
# deleted now, and the wait below is for that deletion.
for left in "$BENCH_DIR"/runs-*; do
    [ -d "$left" ] || continue
    echo "bench: deleting $left, left by a bench stopped before its cleaning ended" >&2
    rm -rf "$left"
    touch "$cleaned"
done
if [ -f "$cleaned" ]; then
    since=$(($(date +%s) - $(stat -c %Y "$cleaned")))
    if [ "$since" -lt 420 ]; then
        echo "bench: the last bench's folders were deleted $since s ago; waiting $((420 - since)) s for the disk (see bench/run.sh)" >&2
        sleep $((420 - since))
    fi
fi
newdir() { mkdir -p "$runs/$1"; sync; echo "$runs/$1/out"; }
keep_memory

# Every clean build and `serve` measure starts from the same memory: the earlier runs' files
# written to the disk (sync, with or without root), the page cache emptied, then the corpus and the tools
# read back into it, so each tool reads warm sources and writes into free memory. Kept folders
# otherwise pile up in the cache (16 GB after three runs of each tool at 100,000 articles), and
# on the machine of docs/performance.md writing into a full page cache grows faster than the
# bytes written: a plain program making 10,000 and then 100,000 folders of one 16 KB file each
# took 0.55 and 8.49 s of system time with the cache full, 0.69 and 4.62 s with it emptied.
# Only the large sizes write enough to meet it, so without this the growth from 10,000 to
# 100,000 articles carries the runs before as well as the tool. Needs root; otherwise says so.
can_drop=0
if [ "$DROP_CACHES" != 0 ]; then
    if [ -w /proc/sys/vm/drop_caches ]; then
        can_drop=1
    else
        echo "bench: cannot empty the page cache (needs root): each run starts with the earlier runs' files cached" >&2
    fi
fi
settle() {
    sync
    [ "$can_drop" = 1 ] || return 0
    echo 1 >/proc/sys/vm/drop_caches
    find "$1" "$here/hugo" -type f -print0 | xargs -0 cat >/dev/null
    cat "$LOA" "$LATENCY" >/dev/null
    if [ -n "$hugo_version" ]; then cat "$(command -v "$HUGO")" >/dev/null; fi
}
# Megabytes the kept folders take: (N + 1) builds of each tool, about 21 KB per article each.
needed_mb=0
for size in "${sizes[@]}"; do needed_mb=$((needed_mb + (N + 1) * 2 * size * 21 / 1000)); done
free_mb=$(df --output=avail -m "$BENCH_DIR" | tail -n1 | tr -d ' ')
[ "$free_mb" -gt $((needed_mb + 1000)) ] ||
    die "$BENCH_DIR has $free_mb MB free; the clean builds need about $needed_mb MB (fewer SIZES or a smaller N)"

# Column of the measures file: 1 wall, 2 cpu, 3 rss KiB, 4 load, 5 steal s.
col() { [ ! -f "$1" ] || awk -v c="$2" '{ print $c }' "$1"; }
fmt_s() { awk -v v="$1" 'BEGIN { if (v == "nan" || v == "") print "–"; else printf "%.2f s", v }'; }
fmt_mib() { awk -v v="$1" 'BEGIN { if (v == "nan" || v == "") print "–"; else printf "%.0f MiB", v / 1024 }'; }
spread() { printf '%s–%s' "$(col "$1" 1 | minimum)" "$(col "$1" 1 | maximum)"; }

# Pages as each tool counts them, HTML files and their bytes, all files.
html_files() { find "$1" -type f -name '*.html' | wc -l; }
html_mb() { find "$1" -type f -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }'; }
all_files() { find "$1" -type f | wc -l; }

# --- the machine -------------------------------------------------------------------------------

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
disk_dev=$(df --output=source "$BENCH_DIR" | tail -n1)
disk_fs=$(df --output=fstype "$BENCH_DIR" | tail -n1)
loa_rev=$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo "?")

{
    echo "# loa benchmark, $stamp"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $BENCH_DIR on $disk_dev ($disk_fs)"
    echo "- loa: $LOA (repo at $loa_rev); Hugo: ${hugo_version:-not installed}"
    echo "- N=$N timed runs per measure after one warm-up; medians, wall spread min–max"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$can_drop" = 1 ]; then
        echo "- page cache emptied before each clean build and \`serve\` measure, then the corpus and the tools read back"
    else
        echo "- page cache kept between runs (DROP_CACHES=0 or not root)"
    fi
    if [ -n "$reporting_was" ]; then
        echo "- free page reporting to the host off for the run (order $reporting_was, put back at the end)$([ "$memory_written" = 1 ] && echo ", free memory written once")"
    fi
    echo
} | tee "$results"

declare -A res

# --- per size ----------------------------------------------------------------------------------

for size in "${sizes[@]}"; do
    corpus="$BENCH_DIR/corpus-$size"
    if [ ! -f "$corpus/.complete" ]; then
        echo "bench: generating $size articles in $corpus" >&2
        rm -rf "$corpus"
        "$GEN" --articles "$size" --out "$corpus" >>"$log"
        touch "$corpus/.complete"
    fi
    m="$BENCH_DIR/measures-$stamp-$size"
    rm -f "$m".*

    echo "bench: $size articles: warm-up" >&2
    set_commands "$corpus"
    "${loa[@]}" "$(newdir "$size/loa-warm-up")" >>"$log" 2>&1
    if [ -n "$hugo_version" ]; then
        "${hugo[@]}" "$(newdir "$size/hugo-warm-up")" >>"$log" 2>&1
    fi

    for i in $(seq 1 "$N"); do
        echo "bench: $size articles: clean builds, run $i of $N" >&2
        out_loa=$(newdir "$size/loa-$i")
        settle "$corpus"
        timed "$m.loa-clean" "${loa[@]}" "$out_loa"
        if [ -n "$hugo_version" ]; then
            out_hugo=$(newdir "$size/hugo-$i")
            settle "$corpus"
            timed "$m.hugo-clean" "${hugo[@]}" "$out_hugo"
        fi
    done

    # What was built: the last clean build of each.
    res[$size,loa,pages]=$(sed -n 's/^Đã dựng \([0-9]*\) trang.*/\1/p' "$m.loa-clean.out")
    res[$size,loa,html]=$(html_files "$out_loa")
    res[$size,loa,mb]=$(html_mb "$out_loa")
    res[$size,loa,files]=$(all_files "$out_loa")
    if [ -n "$hugo_version" ]; then
        hugo_stats=$(cat "$m.hugo-clean.out")
        res[$size,hugo,pages]=$(echo "$hugo_stats" | awk -F'|' '/^ *Pages / { p = $2 } /Paginator pages/ { q = $2 } END { print p + q }')
        res[$size,hugo,aliases]=$(echo "$hugo_stats" | awk -F'|' '/^ *Aliases / { print $2 + 0 }')
        res[$size,hugo,html]=$(html_files "$out_hugo")
        res[$size,hugo,mb]=$(html_mb "$out_hugo")
        res[$size,hugo,files]=$(all_files "$out_hugo")
    fi

    # Rebuilds with nothing changed, into the output of the last build: no file may be written.
    written=0
    for i in $(seq 1 "$N"); do
        echo "bench: $size articles: no-change rebuilds, run $i of $N" >&2
        marker="$BENCH_DIR/.marker"
        touch "$marker"
        sleep 0.05
        sync
        timed "$m.loa-again" "${loa[@]}" "$out_loa"
        w=$(find "$out_loa" -type f -newer "$marker" | wc -l)
        written=$((written > w ? written : w))
        if [ -n "$hugo_version" ] && [ "$HUGO_REBUILDS" != 0 ]; then
            sync
            timed "$m.hugo-again" "${hugo[@]}" "$out_hugo"
        fi
    done
    res[$size,loa,written]=$written

    for s in $LATENCY_SIZES; do
        [ "$s" = "$size" ] || continue
        echo "bench: $size articles: serve latency, $EDITS edits" >&2
        settle "$corpus"
        lat=$(/usr/bin/time -f 'peak-rss %M' "$LATENCY" "$corpus" "$EDITS" 2>&1) ||
            die "serve-latency failed: $lat"
        echo "$lat" >>"$log"
        res[$size,serve,first]=$(echo "$lat" | sed -n 's/^first build: \([0-9]*\) ms/\1/p')
        res[$size,serve,first_edit]=$(echo "$lat" | sed -n 's/^first edit: \([0-9]*\) ms/\1/p')
        res[$size,serve,article]=$(echo "$lat" | sed -n 's/^article edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,summary]=$(echo "$lat" | sed -n 's/^summary edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,heading]=$(echo "$lat" | sed -n 's/^heading edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,address]=$(echo "$lat" | sed -n 's/^address edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,unpublish]=$(echo "$lat" | sed -n 's/^unpublish edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,publish]=$(echo "$lat" | sed -n 's/^publish edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,title]=$(echo "$lat" | sed -n 's/^title edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,tags]=$(echo "$lat" | sed -n 's/^tag edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,template]=$(echo "$lat" | sed -n 's/^template edits: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,whole]=$(echo "$lat" | sed -n 's/^template edits, whole site: .*median \([0-9]*\) ms, worst \([0-9]*\) ms/\1 \/ \2/p')
        res[$size,serve,rss]=$(echo "$lat" | sed -n 's/^peak-rss \([0-9]*\)/\1/p')
    done
done

# --- tables ------------------------------------------------------------------------------------

{
    echo "## Clean build and no-change rebuild"
    echo
    echo "| Articles | Tool | Pages | HTML files | HTML | All files | Clean build, wall (min–max) | CPU (user+sys) | Peak RSS | No-change rebuild | Files written by it | Load (1 min) | Steal, the most in a run (s) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    for size in "${sizes[@]}"; do
        m="$BENCH_DIR/measures-$stamp-$size"
        for tool in loa hugo; do
            [ -f "$m.$tool-clean" ] || continue
            if [ "$tool" = loa ]; then w=${res[$size,loa,written]}; elif [ -f "$m.hugo-again" ]; then w="all"; else w="–"; fi
            pages=${res[$size,$tool,pages]}
            [ "$tool" = hugo ] && pages="$pages (+${res[$size,hugo,aliases]} redirects)"
            echo "| $size | $tool | $pages | ${res[$size,$tool,html]} | ${res[$size,$tool,mb]} MB | ${res[$size,$tool,files]} | $(fmt_s "$(col "$m.$tool-clean" 1 | median)") ($(spread "$m.$tool-clean")) | $(fmt_s "$(col "$m.$tool-clean" 2 | median)") | $(fmt_mib "$(col "$m.$tool-clean" 3 | median)") | $(fmt_s "$(col "$m.$tool-again" 1 | median)") | $w | $(col "$m.$tool-clean" 4 | median | awk '{ printf "%.1f", $1 }') | $(col "$m.$tool-clean" 5 | maximum | awk '{ printf "%.2f", $1 }') |"
        done
    done
    echo
    if [ -n "$hugo_version" ]; then
        echo "## loa / Hugo (medians)"
        echo
        echo "| Articles | Wall | CPU | Peak RSS | No-change rebuild |"
        echo "|---|---|---|---|---|"
        for size in "${sizes[@]}"; do
            m="$BENCH_DIR/measures-$stamp-$size"
            r=()
            for c in 1 2 3; do
                r+=("$(ratio "$(col "$m.loa-clean" "$c" | median)" "$(col "$m.hugo-clean" "$c" | median)")")
            done
            echo "| $size | ${r[0]} | ${r[1]} | ${r[2]} | $(ratio "$(col "$m.loa-again" 1 | median)" "$(col "$m.hugo-again" 1 | median)") |"
        done
        echo
    fi
    echo "## loa: growth and rebuild"
    echo
    echo "| Articles | Clean wall / the first size's | Peak RSS / the first size's | No-change rebuild / clean build |"
    echo "|---|---|---|---|"
    first="$BENCH_DIR/measures-$stamp-${sizes[0]}"
    for size in "${sizes[@]}"; do
        m="$BENCH_DIR/measures-$stamp-$size"
        echo "| $size | $(ratio "$(col "$m.loa-clean" 1 | median)" "$(col "$first.loa-clean" 1 | median)") | $(ratio "$(col "$m.loa-clean" 3 | median)" "$(col "$first.loa-clean" 3 | median)") | $(ratio "$(col "$m.loa-again" 1 | median)" "$(col "$m.loa-clean" 1 | median)") |"
    done
    echo
    any=""
    for size in "${sizes[@]}"; do [ -n "${res[$size,serve,article]:-}" ] && any=1; done
    if [ -n "$any" ]; then
        echo "## \`loa serve\`: file written → updated page served (debounce included)"
        echo
        echo "| Articles | First build | First edit | Article edit ($EDITS): median / worst | Summary edit ($EDITS): median / worst | Heading edit ($(((EDITS + 1) / 2))): median / worst | Title edit ($(((EDITS + 1) / 2))): median / worst | Tag edit ($(((EDITS + 1) / 2))): median / worst | Address edit ($(((EDITS + 1) / 2))): median / worst | Unpublish ($(((EDITS + 1) / 2))): median / worst | Publish again ($(((EDITS + 1) / 2))): median / worst | Template edit ($(((EDITS + 1) / 2))), page in view: median / worst | Template edit, whole site | Peak RSS |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        for size in "${sizes[@]}"; do
            [ -n "${res[$size,serve,article]:-}" ] || continue
            echo "| $size | ${res[$size,serve,first]} ms | ${res[$size,serve,first_edit]} ms | ${res[$size,serve,article]} ms | ${res[$size,serve,summary]:-–} ms | ${res[$size,serve,heading]:-–} ms | ${res[$size,serve,title]:-–} ms | ${res[$size,serve,tags]:-–} ms | ${res[$size,serve,address]:-–} ms | ${res[$size,serve,unpublish]:-–} ms | ${res[$size,serve,publish]:-–} ms | ${res[$size,serve,template]} ms | ${res[$size,serve,whole]:-–} ms | $(fmt_mib "${res[$size,serve,rss]}") |"
        done
        echo
    fi
    echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- raw measures (wall s, CPU s, peak RSS KiB, load, steal s): $BENCH_DIR/measures-$stamp-*; tool output: $log"
} | tee -a "$results"
echo "bench: results in $results" >&2
