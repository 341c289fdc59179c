// Package paths turns the PATH... arguments of a command into the journey
// files to read: files named explicitly are always taken, directories are
// walked for YAML files with a top-level `cjm` key.
package paths
