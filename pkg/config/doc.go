// Package config reads the project configuration, `.cjm.yaml`: the level
// of each rule (`rules:`), the policy rules a team turns on (`policy:`,
// with the preset `b2b`), the default language of maps without `lang`, and
// the defaults of `cjm render` (`render:`). Like .editorconfig, the file
// that applies to a map is the nearest one in the map's directory or
// above it, up to the root (Finder). It is loaded like a map: a bounded
// read, a walk of the YAML nodes, and findings with line, column and a
// "did you mean" for unknown keys and bad values. docs/config.md is the
// reference.
package config
