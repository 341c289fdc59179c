// Package check is the one call every command makes to read a journey
// file: load it (package load), validate it (package validate), apply the
// project configuration's rule levels and policy rules (Options.Rules,
// from package config) and the inline `# cjm:ignore` suppressions, and
// return the findings sorted and deduplicated, with the suppressed ones
// apart. Callers pass check.Options and need not import package load.
package check
