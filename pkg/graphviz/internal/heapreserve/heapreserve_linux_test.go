package heapreserve

import (
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// TestUntouched: no page of the reserve is resident (mincore(2)); it costs
// address space only.
func TestUntouched(t *testing.T) {
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(Reserve)))
	end := start + uintptr(len(Reserve))
	start = (start + page - 1) &^ (page - 1) // whole pages inside the block
	end &^= page - 1
	vec := make([]byte, (end-start)/page)
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, start, end-start, uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		t.Skipf("mincore: %v", errno)
	}
	resident := 0
	for _, v := range vec {
		resident += int(v & 1)
	}
	if resident > 0 {
		t.Errorf("%d of the reserve's %d pages are resident; it should never be touched", resident, len(vec))
	}
}
