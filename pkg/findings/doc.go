// Package findings writes diag.Diagnostics in the formats people and CI
// systems read: text (compiler style, with the source line and a caret),
// json (a stable array), github (workflow commands and a step summary),
// sarif (2.1.0, for code scanning) and gitlab (Code Quality report).
//
// Writers only write to the io.Writer they are given; choosing streams,
// exit codes and whether to print a summary is the command's business.
package findings
