package renderpool

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
)

// BenchmarkPool lays out the same DOT 40 times with 1 and 2 workers: with
// free cores, 2 workers take about half the time.
func BenchmarkPool(b *testing.B) {
	dot, err := os.ReadFile("testdata/map-30.dot")
	if err != nil {
		b.Skip("testdata/map-30.dot missing")
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			p := New(Options{Workers: w, Command: testCommand})
			defer p.Close()
			// warm up: start the workers
			var wg sync.WaitGroup
			for i := 0; i < w; i++ {
				wg.Add(1)
				go func() { defer wg.Done(); p.Render(context.Background(), dot, "nop2", "svg") }()
			}
			wg.Wait()
			b.ResetTimer()
			for b.Loop() {
				jobs := make(chan int)
				var wg sync.WaitGroup
				for i := 0; i < w; i++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for range jobs {
							if _, err := p.Render(context.Background(), dot, "nop2", "svg"); err != nil {
								b.Error(err)
							}
						}
					}()
				}
				for i := 0; i < 40; i++ {
					jobs <- i
				}
				close(jobs)
				wg.Wait()
			}
		})
	}
}
