// Command alternate times whole processes on a busy machine: it runs the
// given commands in turn, one round after another (a first round to warm
// up, then N), so that a change in the machine's load affects every
// command alike, and prints the median wall time and the median CPU time
// (user + system, from the kernel's accounting of the child) of each.
// Commands are split at spaces (no quoting, no shell); their output is
// discarded. Used for the figures in docs/rendering.md ("Speed"):
//
//	go run ./scripts/alternate 30 "cjm version" "dot -Tsvg -o /tmp/x.svg map.dot"
package main

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
)

func median(x []float64) float64 {
	sort.Float64s(x)
	return x[len(x)/2]
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: alternate ROUNDS COMMAND...")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "alternate: ROUNDS must be a number above 0, not %q\n", os.Args[1])
		os.Exit(2)
	}
	cmds := os.Args[2:]
	wall := make([][]float64, len(cmds))
	cpu := make([][]float64, len(cmds))
	for i := 0; i < n+1; i++ {
		for j, c := range cmds {
			f := strings.Fields(c)
			cmd := exec.Command(f[0], f[1:]...)
			t := time.Now()
			if err := cmd.Run(); err != nil {
				if _, ok := err.(*exec.ExitError); !ok {
					fmt.Fprintf(os.Stderr, "alternate: %v\n", err)
					os.Exit(2)
				}
			}
			w := time.Since(t)
			if i == 0 {
				continue // warm-up round
			}
			wall[j] = append(wall[j], float64(w.Microseconds())/1000)
			cpu[j] = append(cpu[j], float64((cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime()).Microseconds())/1000)
		}
	}
	for j, c := range cmds {
		fmt.Printf("wall %6.1f ms  cpu %6.1f ms  (medians of %d)  %s\n", median(wall[j]), median(cpu[j]), n, c)
	}
}
