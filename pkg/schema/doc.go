// Package schema holds the JSON Schema (draft-07) of journey format 1, the
// file editors use through yaml-language-server to complete keys and flag
// mistakes as the analyst types.
//
// The schema is written by hand as an ordered Go value rather than derived
// from the model's Go types: the model (journey.Map) carries positions and
// derived values and represents `emotion` and `moment_of_truth` as structs,
// while the file allows a number or a mapping, and `true` or a string. Only
// a hand-written schema can say that precisely (oneOf, propertyNames,
// if/then for catalogues) and give every key the help text an editor shows.
// The enumerations come from the journey package, so they cannot drift, and
// the bytes are deterministic because every object keeps its key order.
package schema
