package renderpool

import (
	"context"
	"os"
	"time"
)

// WatchParent returns a context that ends when the process that started
// this one is gone (it is then re-parented, and its parent id changes),
// checked every interval. A worker stops on it, so a killed parent leaves
// no layout running, also where there is no parent-death signal.
func WatchParent(interval time.Duration) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	ppid := os.Getppid()
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for range t.C {
			if os.Getppid() != ppid {
				cancel()
				return
			}
		}
	}()
	return ctx
}
