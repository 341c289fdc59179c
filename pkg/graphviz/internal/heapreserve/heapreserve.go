// Package heapreserve holds a block of heap that is never read or
// written, so that the garbage collector's pace follows go-graphviz's
// allocations rather than cjm's small live heap.
//
// go-graphviz looks up the exported WebAssembly function on every call,
// and wazero then makes a new call engine with a fresh 10 kB stack; parsing
// a graph makes five or more such calls per node. That is tens of megabytes
// of garbage per layout on a live heap of a few, so the collector ran every
// few megabytes: 9 collections in `cjm render` of one small map's two
// views, 35 for the map view of 1,000 touchpoints, up to a fifth of the
// process's CPU (docs/rendering.md, "Speed"). The block counts as live
// heap, so the collector waits for Bytes more garbage: 5 and 18
// collections. Unlike GOGC or GOMAXPROCS this sets nothing for the process;
// it costs at most Bytes of garbage not yet collected (10-15 MB of peak
// RSS, measured) and no resident memory of its own.
//
// The block is allocated in this package's init, which runs before
// go-graphviz's (Go initialises ready packages in import-path order, and
// this one imports nothing): on a heap that has freed nothing yet, the
// block comes fresh from the operating system and is not zeroed, so its
// pages are never touched. Allocated later, it could reuse memory the
// collector freed, which the runtime zeroes first.
package heapreserve

// Bytes is the size of the reserve.
const Bytes = 16 << 20

// Reserve is the block. It is never read or written.
var Reserve []byte

func init() { Reserve = make([]byte, Bytes) }
