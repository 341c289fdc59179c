#!/usr/bin/env bash
# bench-process.sh — whole-process timings of cjm against native Graphviz,
# side by side in one hyperfine run, for docs/rendering.md ("Speed").
#
# Needs hyperfine, jq and native Graphviz for the comparison only (the
# product never does):   apt-get install graphviz hyperfine jq
# Usage: scripts/bench-process.sh [CJM]   (default: builds ./cmd/cjm)
#
# 1. Commands that draw nothing: version, validate, fmt -l, schema.
# 2. One typical map (examples/b2b-funnel-ru.yaml: 6 stages, 11
#    touchpoints), both views to SVG in one call, against native
#    `dot -Tsvg` on the two DOT files that `cjm render -f dot` writes.
# 3. A generated map of 1,000 touchpoints (100 stages of 10, each linked
#    to the next, one link back per stage): map view and flow view to SVG,
#    each in its own call, against native dot on the same DOT.
# Each line: median and mean wall time, mean user and system time. Compare
# within one run: a busy machine slows every command of the run alike.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
for tool in hyperfine jq dot; do
	command -v "$tool" >/dev/null || { echo "bench-process.sh: $tool is missing (apt-get install graphviz hyperfine jq)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cjm=${1:-}
if [ -z "$cjm" ]; then
	go build -o "$work/cjm" ./cmd/cjm
	cjm=$work/cjm
fi

# A 1,000-touchpoint map.
{
	printf 'cjm: 1\ntitle: Generated journey\nlang: en\nscope: full\npersonas:\n'
	for p in cio cfo user; do printf '  - {id: %s, name: Persona %s, role: decision maker}\n' "$p" "$p"; done
	printf 'channels:\n'
	kinds=(digital human physical)
	for i in 0 1 2 3 4 5; do printf '  - {id: ch%d, name: Channel %d, kind: %s}\n' "$i" "$i" "${kinds[i % 3]}"; done
	printf 'owners:\n'
	for i in 0 1 2 3; do printf '  - {id: team%d, name: Team %d}\n' "$i" "$i"; done
	printf 'stages:\n'
	for ((s = 0; s < 100; s++)); do
		printf '  - id: stage-%d\n    name: Stage %d\n    phase: buying\n    goal: Reach the next stage\n    touchpoints:\n' "$s" "$s"
		for ((t = 0; t < 10; t++)); do
			printf '      - id: s%d-t%d\n        name: Touchpoint %d of stage %d\n        channel: ch%d\n        owner: team%d\n        emotion: %d\n' \
				"$s" "$t" "$t" "$s" $(((s * 10 + t) % 6)) $((t % 4)) $((t % 5 - 2))
			next=()
			if ((t < 9)); then next+=("s$s-t$((t + 1))"); elif ((s < 99)); then next+=("s$((s + 1))-t0"); fi
			if ((t == 5 && s > 0)); then next+=("s$((s - 1))-t5"); fi
			if ((${#next[@]} > 0)); then printf '        next: [%s]\n' "$(IFS=,; echo "${next[*]}" | sed 's/,/, /g')"; fi
		done
	done
} >"$work/gen-1000.yaml"
"$cjm" validate -q "$work/gen-1000.yaml" >/dev/null 2>&1 || true

small=examples/b2b-funnel-ru.yaml
"$cjm" render -q -f dot --view map,flow -o "$work/dot" "$small" "$work/gen-1000.yaml"

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), native $(dot -V 2>&1)"
# hf runs hyperfine and prints one line per command: median and mean wall
# time, mean user and system time, in ms.
hf() {
	hyperfine -N --style none --export-json "$work/last.json" "$@" >/dev/null
	jq -r '.results[] | "\(.median*1000|round) ms median, \(.mean*1000|round) ± \(.stddev*1000|round) ms mean, user \(.user*1000|round) ms, sys \(.system*1000|round) ms  \(.command)"' "$work/last.json"
	echo
}

echo "## Commands that draw nothing"
hf -w 3 -r 30 \
	"$cjm version" \
	"$cjm validate -q $small" \
	"$cjm fmt -l $small" \
	"$cjm schema"

echo "## Both views of a typical map"
hf -w 3 -r 30 \
	"$cjm render -q -o $work/out --view map,flow $small" \
	"dot -Tsvg -o $work/n1.svg $work/dot/b2b-funnel-ru.dot" \
	"dot -Tsvg -o $work/n2.svg $work/dot/b2b-funnel-ru.flow.dot"

echo "## 1,000 touchpoints"
hf -w 1 -r 10 \
	"$cjm render -q -o $work/out --view map $work/gen-1000.yaml" \
	"dot -Tsvg -o $work/n3.svg $work/dot/gen-1000.dot" \
	"$cjm render -q -o $work/out --view flow $work/gen-1000.yaml" \
	"dot -Tsvg -o $work/n4.svg $work/dot/gen-1000.flow.dot"
