//go:build unix

package site

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) of this process and of its
// children that have exited (the Graphviz workers, once the pool closed).
func cpuTime() time.Duration {
	var self, children syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	return time.Duration(self.Utime.Nano() + self.Stime.Nano() + children.Utime.Nano() + children.Stime.Nano())
}
