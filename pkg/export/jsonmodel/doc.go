// Package jsonmodel exports a journey map as its normalised JSON model:
// includes merged, defaults filled in, names resolved next to ids,
// derived values (stage emotions, pain and delight flags, KPI status)
// computed, source positions left out.
//
// The shape is stable and documented in docs/reports.md: every key is
// always present, in a fixed order (the structs below, never a Go map),
// lists are [] rather than null, and absent scalars are "" or null. The
// top-level "cjm" field is the format version of the model.
package jsonmodel
