//go:build linux

package renderpool

import (
	"os/exec"
	"syscall"
)

// dieWithParent asks the kernel to kill the worker when this process dies
// (PR_SET_PDEATHSIG), even by SIGKILL. The worker also polls its parent
// (WatchParent), which covers the case where the thread that started it
// ends first.
func dieWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
