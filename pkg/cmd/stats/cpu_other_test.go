//go:build !unix

package stats

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
