// Package reporttest holds what the tests of the reports and exports
// share: the examples loaded from examples/, a map that uses every field
// of the format, a map whose every label is hostile to some output format,
// and golden-file comparison. Only tests import it.
package reporttest
