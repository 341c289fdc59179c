// Package reporttest holds what the tests of the reports and exports
// share: the examples loaded from examples/, a map that uses every field
// of the format, and a map whose every label is hostile to some output
// format. Only tests import it.
package reporttest
