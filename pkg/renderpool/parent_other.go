//go:build !linux

package renderpool

import "os/exec"

// dieWithParent does nothing where the kernel has no parent-death signal:
// the worker polls its parent instead (WatchParent).
func dieWithParent(*exec.Cmd) {}
