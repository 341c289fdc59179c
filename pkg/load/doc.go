// Package load reads journey files (format 1, see docs/format.md) into a
// *journey.Map.
//
// It walks yaml.v3 node trees itself rather than decoding into structs, so
// every element, every key's value and every list item keeps its file, line
// and column (journey.Source), and an unknown key gets its own position and
// a "did you mean …?" suggestion. It resolves `include` (catalogue files
// relative to the including file, confined to the root directory, cycles
// reported with their chain) and fills in the defaults of the format.
//
// Loading never stops at the first problem: every structural finding
// (YAML syntax, unknown keys, wrong types, bad enum values …) is collected.
// Semantic rules (ids, references, emotion range, warnings) belong to
// package validate; package check runs both.
//
// Bad input is refused with a positioned finding rather than a panic or a
// hang: non-UTF-8 bytes, tabs in indentation, several documents, anchors
// and aliases (which also defeats alias bombs), files over Options.MaxBytes,
// nesting deeper than MaxDepth, control characters in any text (raw or
// escaped; bidi overrides are warned about), and empty ids, names and
// references. Only regular files are opened (OpenRegular), so a named pipe
// or a device never blocks a command.
//
// Commands that read journey files themselves use the same reader and
// messages: ReadFile, ReadAll (standard input) and CheckSize for the size
// limit, SyntaxErrors for positioned YAML errors, WorkTreeTop for the top
// of the git work tree.
package load
