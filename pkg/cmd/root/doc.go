// Package root builds cjm's command tree (global flags --root, --quiet,
// --no-color and one line per command) and Main, which runs it and maps the
// returned error to the exit code: 0 done, 1 findings (cmdutil.SilentError),
// 2 could not run (a bad flag or argument, a missing file).
package root
