//go:build linux

package renderpool

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func init() {
	// The parent process of TestWorkerDiesWithParent: a pool with one
	// hanging worker, and a layout that never returns.
	if os.Getenv(parentEnv) == "1" && os.Getenv(WorkerEnv) != "1" {
		p := New(Options{Workers: 1, Command: fakeCommand("hang")})
		p.Render(context.Background(), graphs()[0], "dot", "svg")
		os.Exit(0)
	}
}

// TestWorkerDiesWithParent: when the parent is killed (SIGKILL: no chance
// to clean up), the kernel kills its worker (Pdeathsig).
func TestWorkerDiesWithParent(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "worker.pid")
	parent := exec.Command(os.Args[0], "-test.run=^$")
	parent.Env = append(os.Environ(), parentEnv+"=1", pidEnv+"="+pidFile)
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	for deadline := time.Now().Add(20 * time.Second); pid == 0; {
		if b, err := os.ReadFile(pidFile); err == nil && len(b) > 0 {
			pid, _ = strconv.Atoi(string(b))
		}
		if time.Now().After(deadline) {
			parent.Process.Kill()
			t.Fatal("the worker did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	parent.Process.Kill()
	parent.Wait()
	for deadline := time.Now().Add(5 * time.Second); ; {
		// Signal 0 only checks the process; a zombie counts as gone.
		if err := syscall.Kill(pid, 0); err != nil || zombie(pid) {
			return
		}
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("worker %d outlived its killed parent", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	// pid (comm) STATE ...
	s := string(b)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ')' {
			return i+2 < len(s) && s[i+2] == 'Z'
		}
	}
	return false
}
