// Package journey is the in-memory model of a customer journey map, format 1
// (see docs/format.md): a Map with its personas, channels, owners, stages,
// touchpoints, metrics and transitions. Every element keeps where it came
// from in the source (Src), so the validator and every command can point at
// a line and column.
//
// The package only describes; package load builds a Map from YAML and
// package validate checks it. Derived values that every output needs (a
// stage's emotion from its touchpoints, a metric off target, pain points)
// are methods here so that every renderer agrees on them.
package journey
