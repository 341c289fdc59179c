package heapreserve

import (
	"runtime"
	"runtime/metrics"
	"testing"
)

// TestInHeapGoal: the reserve counts as live heap, so the collector's goal
// stays above it however little else is live.
func TestInHeapGoal(t *testing.T) {
	runtime.GC()
	goal := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
	metrics.Read(goal)
	if g := goal[0].Value.Uint64(); g < Bytes {
		t.Errorf("heap goal %d MB, want at least %d MB", g>>20, Bytes>>20)
	}
	runtime.KeepAlive(Reserve)
}
