// Package site builds the static portfolio site of `cjm site`: an index of
// every map (title, scope, personas, counts, pain points, moments of truth,
// off-target KPIs, evidence coverage, a thumbnail of its map view), one
// page per map (the HTML report with its views, from pkg/render), and the
// pages across maps (channel × stage matrix, touchpoints per owner, moments
// of truth, off-target KPIs, the stats table).
//
// The site is self-contained (no request leaves it; relative links only,
// so it works from a sub-path and from file://), deterministic (the same
// maps give the same bytes) and carries a strict Content-Security-Policy:
// its one stylesheet and its one script (table sorting, which the pages do
// without) are inline and allowed by their sha256 hashes. Write puts it on
// disk atomically, as a directory swapped in by renames.
package site
