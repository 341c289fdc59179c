// Package validate implements `cjm validate PATH...`: it checks journey
// files in parallel and prints their findings in sorted path order, as
// text on stderr or in a machine format (json, github, sarif, gitlab) on
// stdout. Exit 0 when clean, 1 on errors (or warnings under --strict), 2
// when it could not run.
package validate
