#!/usr/bin/env bash
# compare-dot.sh — time cjm's Graphviz (WebAssembly, in process) against
# native Graphviz on the same DOT, for docs/rendering.md.
#
# Needs native Graphviz for the comparison only (the product never does):
#   apt-get install graphviz
# Usage: scripts/compare-dot.sh [RUNS]   (default 3 runs; best of them kept)
#
# 1. Runs the view benchmarks of pkg/cmd/render (synthetic maps of 30, 200,
#    1000 and 5000 touchpoints, both views), which also write every DOT
#    they hand to Graphviz (<view>-<n>.<call>.<engine>.<format>.dot; the
#    flow view makes two calls: dot on the forward graph, then nop2).
# 2. Runs native `dot -K<engine> -T<format>` on each of those files, one
#    process per file as a user would, and sums per view and size.
# 3. Renders 100 small maps (copies of examples/saas-onboarding.yaml) with
#    one `cjm render` call, against 100 native `dot -Tsvg` processes on the
#    DOT cjm writes for them.
# cjm lays out with GOMAXPROCS=1 (in process for a few maps, in workers for
# batches), so the benchmarks run that way too. Wall times depend on the
# machine's load; CPU times (user+system) are the
# steadier figure, and both are printed.
set -euo pipefail
runs=${1:-3}
root=$(git rev-parse --show-toplevel)
cd "$root"
command -v dot >/dev/null || { echo "compare-dot.sh: native Graphviz is missing (apt-get install graphviz)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dot"

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), native $(dot -V 2>&1)"
echo
echo "## cjm in process (go test -bench View with GOMAXPROCS=1, as cjm lays out; best of $runs runs)"
GOMAXPROCS=1 CJM_BENCH_DOT="$work/dot" go test -run '^$' -bench 'View' -benchtime 3x -count "$runs" -timeout 1800s ./pkg/cmd/render \
	| awk '/^BenchmarkView/ {
		name=$1; sub(/^BenchmarkView\//, "", name); sub(/-[0-9]+$/, "", name)
		wall=$3/1e6; cpu=$5
		if (!(name in bw) || wall < bw[name]) bw[name]=wall
		if (!(name in bc) || cpu < bc[name]) bc[name]=cpu
	} END { for (n in bw) printf "%-12s %9.0f ms wall %9.0f ms cpu\n", n, bw[n], bc[n] }' | sort -t/ -k1,1 -k2n

echo
echo "## native dot, one process per Graphviz call (best of $runs runs)"
TIMEFORMAT='%R %U %S'
for view in map flow; do
	for n in 30 200 1000 5000; do
		files=$(ls "$work/dot/$view-$n".*.dot 2>/dev/null | sort) || true
		[ -n "$files" ] || continue
		best_wall=""; best_cpu=""; failed=""
		for _ in $(seq "$runs"); do
			t=$( { time (
				for f in $files; do
					b=$(basename "$f" .dot); fmt=${b##*.}; b=${b%.*}; eng=${b##*.}
					dot -K"$eng" -T"$fmt" "$f" >/dev/null 2>"$work/err" || { echo "FAILED: $(grep -v Warning "$work/err" | head -1)" >&2; exit 1; }
				done
			) ; } 2>&1 ) || { failed=$(echo "$t" | grep FAILED | head -1); break; }
			wall=$(echo "$t" | tail -1 | awk '{print $1*1000}'); cpu=$(echo "$t" | tail -1 | awk '{print ($2+$3)*1000}')
			if [ -z "$best_wall" ] || [ "${wall%.*}" -lt "${best_wall%.*}" ]; then best_wall=$wall; fi
			if [ -z "$best_cpu" ] || [ "${cpu%.*}" -lt "${best_cpu%.*}" ]; then best_cpu=$cpu; fi
		done
		if [ -n "$failed" ]; then
			printf "%-12s %s\n" "$view/$n" "$failed"
		else
			printf "%-12s %9.0f ms wall %9.0f ms cpu\n" "$view/$n" "$best_wall" "$best_cpu"
		fi
	done
done

echo
echo "## 100 small maps: one cjm render call against 100 native dot processes"
go build -o "$work/cjm" ./cmd/cjm
mkdir -p "$work/maps"
for i in $(seq -w 1 100); do cp examples/saas-onboarding.yaml "$work/maps/m$i.yaml"; done
touch "$work/maps/.git"
"$work/cjm" render -q -f dot -o "$work/dotout" "$work/maps"
for j in 1 2; do
	rm -rf "$work/svgout"
	t=$( { time "$work/cjm" render -q -j $j -o "$work/svgout" "$work/maps" ; } 2>&1 )
	echo "cjm render -j $j: $(echo "$t" | awk '{printf "%.2f s wall, %.2f s cpu", $1, $2+$3}')"
done
t=$( { time (for f in "$work"/dotout/*.dot; do dot -Tsvg "$f" >/dev/null 2>&1; done) ; } 2>&1 )
echo "native dot x100: $(echo "$t" | awk '{printf "%.2f s wall, %.2f s cpu", $1, $2+$3}')"
