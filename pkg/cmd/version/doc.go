// Package version implements `cjm version` and reads the version string
// from the binary's build information.
package version
