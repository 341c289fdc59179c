// Package yamlfmt rewrites a journey file in cjm's canonical layout, the way
// gofmt rewrites Go: keys in the order of the format spec (unknown keys kept
// after the known ones, in their original order), two-space indentation,
// block sequences indented under their key, comments and single blank lines
// between entries kept where they were (a column of end-of-line comments on
// consecutive lines stays a column, as in gofmt), and each collection in the
// style the author chose (flow `{…}`/`[…]` or block), with its spacing
// normalised.
//
// Format never changes what a file means: before returning, it parses its
// own output and checks that the data and every comment survived, and that
// formatting the output again gives the same bytes. When a check fails it
// returns an error instead of a wrong result.
package yamlfmt
