package renderpool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cjm-dev/cjm/pkg/graphviz"
)

// TestMain lets the test binary act as a worker when started by a pool.
func TestMain(m *testing.M) {
	if os.Getenv(WorkerEnv) == "1" {
		layout := graphviz.Render
		switch os.Getenv(fakeEnv) {
		case "broken":
			layout = func(context.Context, []byte, string, string) ([]byte, error) {
				return nil, fmt.Errorf("%w: a trap in the engine", graphviz.ErrBroken)
			}
		case "hang":
			// Write the pid where the test reads it, then never answer.
			layout = func(context.Context, []byte, string, string) ([]byte, error) {
				os.WriteFile(os.Getenv(pidEnv), []byte(fmt.Sprint(os.Getpid())), 0o644)
				select {}
			}
		}
		if err := serve(os.Stdin, os.Stdout, layout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeEnv makes the test worker fail ("broken") or hang ("hang", writing
// its pid to the file pidEnv names); parentEnv makes the test binary a
// parent that starts a hanging worker and waits.
const (
	fakeEnv   = "CJM_TEST_FAKE_WORKER"
	pidEnv    = "CJM_TEST_WORKER_PID"
	parentEnv = "CJM_TEST_PARENT"
)

func fakeCommand(mode string) func() *exec.Cmd {
	return func() *exec.Cmd {
		cmd := testCommand()
		cmd.Env = append(cmd.Env, fakeEnv+"="+mode)
		return cmd
	}
}

func testCommand() *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = WorkerEnviron()
	return cmd
}

func graphs() [][]byte {
	var out [][]byte
	for i := 1; i <= 6; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "digraph G%d { node [shape=box fontname=Helvetica]; ", i)
		for j := 0; j < i*3; j++ {
			fmt.Fprintf(&b, "n%d -> n%d; n%d [style=filled fillcolor=\"red:blue\"]; ", j, j+1, j)
		}
		b.WriteString("}")
		out = append(out, []byte(b.String()))
	}
	return out
}

func TestSameBytesAsInProcess(t *testing.T) {
	p := New(Options{Workers: 2, Command: testCommand})
	defer p.Close()
	ctx := context.Background()
	for i, dot := range graphs() {
		for _, format := range []string{"svg", "plain"} {
			want, err := graphviz.Render(ctx, dot, "dot", format)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Render(ctx, dot, "dot", format)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("graph %d %s: pooled render differs from in-process", i, format)
			}
		}
	}
}

func TestParallel(t *testing.T) {
	p := New(Options{Workers: 2, Command: testCommand})
	defer p.Close()
	ctx := context.Background()
	gs := graphs()
	want := make([][]byte, len(gs))
	for i, g := range gs {
		var err error
		if want[i], err = graphviz.Render(ctx, g, "dot", "svg"); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for k := 0; k < 4; k++ {
		for i, g := range gs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := p.Render(ctx, g, "dot", "svg")
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, want[i]) {
					t.Errorf("graph %d differs", i)
				}
			}()
		}
	}
	wg.Wait()
	if s := p.Stats(); s.Started > 2 || s.Renders != 4*len(gs) {
		t.Errorf("stats %+v: want at most 2 workers and %d renders", s, 4*len(gs))
	}
}

func TestRecycle(t *testing.T) {
	p := New(Options{Workers: 1, MaxRenders: 3, Command: testCommand})
	defer p.Close()
	for i := 0; i < 10; i++ {
		if _, err := p.Render(context.Background(), graphs()[0], "dot", "svg"); err != nil {
			t.Fatal(err)
		}
	}
	if s := p.Stats(); s.Started != 4 {
		t.Errorf("started %d workers for 10 renders recycled every 3, want 4", s.Started)
	}
	if s := p.Stats(); s.PeakRSS == 0 && isLinux() {
		t.Error("no RSS reported")
	}
}

func TestRecycleOnMemory(t *testing.T) {
	p := New(Options{Workers: 1, MaxRSS: 1, Command: testCommand})
	defer p.Close()
	for i := 0; i < 3; i++ {
		if _, err := p.Render(context.Background(), graphs()[0], "dot", "svg"); err != nil {
			t.Fatal(err)
		}
	}
	if s := p.Stats(); isLinux() && s.Started != 3 {
		t.Errorf("started %d workers, want a new one per render over the memory limit", s.Started)
	}
}

func isLinux() bool {
	_, err := os.Stat("/proc/self/statm")
	return err == nil
}

// runaway is a flow whose back edges make dot's layout super-linear: it
// runs for minutes.
func runaway() []byte {
	var b strings.Builder
	b.WriteString("digraph { node [shape=box]; ")
	n := 1500
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "n%d -> n%d; ", i, i+1)
		if i%7 == 0 {
			fmt.Fprintf(&b, "n%d -> n%d; ", i, (i*31)%n)
		}
		if i%10 == 9 {
			fmt.Fprintf(&b, "n%d -> n%d; ", i, i-9+(i%5))
		}
	}
	b.WriteString("}")
	return []byte(b.String())
}

func TestKillOnTimeout(t *testing.T) {
	p := New(Options{Workers: 1, Command: testCommand})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := p.Render(ctx, runaway(), "dot", "svg")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
	if s := p.Stats(); s.Killed != 1 {
		t.Errorf("killed = %d, want 1", s.Killed)
	}
	// The pool goes on with a new worker.
	if _, err := p.Render(context.Background(), graphs()[0], "dot", "svg"); err != nil {
		t.Fatalf("render after a kill: %v", err)
	}
}

func TestErrors(t *testing.T) {
	p := New(Options{Workers: 1, Command: testCommand})
	defer p.Close()
	if _, err := p.Render(context.Background(), []byte("digraph { a -> }"), "dot", "svg"); err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("err = %v, want the syntax error", err)
	}
	if _, err := p.Render(context.Background(), graphs()[0], "dot", "svg"); err != nil {
		t.Errorf("render after an error: %v", err)
	}

	dead := New(Options{Command: func() *exec.Cmd { return exec.Command(os.Args[0], "-test.run=^$") }})
	defer dead.Close()
	if _, err := dead.Render(context.Background(), graphs()[0], "dot", "svg"); err == nil {
		t.Error("a worker that exits at once: no error")
	}
	missing := New(Options{Command: func() *exec.Cmd { return exec.Command("/nonexistent/cjm") }})
	if _, err := missing.Render(context.Background(), graphs()[0], "dot", "svg"); err == nil {
		t.Error("a worker that cannot start: no error")
	}
}
