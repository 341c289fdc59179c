package cmdutil

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cjm-dev/cjm/pkg/load"
)

// ByteSize is a flag value holding a size in bytes, written as a number of
// bytes or with a unit: KiB, MiB, GiB (powers of 1024; K, M, G are read the
// same way) or kB, MB, GB (powers of 1000). "20MiB", "512k", "1000000".
type ByteSize int64

var units = []struct {
	suffix string
	factor int64
}{ // longest suffixes first
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

// ParseSize reads a size such as "20MiB". It must be positive.
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	factor := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, factor = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.factor
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 || n*float64(factor) > 1<<62 {
		return 0, fmt.Errorf("invalid size %q: want a positive number of bytes, or a number with KiB, MiB, GiB, kB, MB or GB", s)
	}
	return int64(n * float64(factor)), nil
}

// FormatSize writes n in the largest binary unit that divides it.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

func (b *ByteSize) String() string { return FormatSize(int64(*b)) }

// Set parses a size for the flag package.
func (b *ByteSize) Set(s string) error {
	n, err := ParseSize(s)
	if err != nil {
		return err
	}
	*b = ByteSize(n)
	return nil
}

// Type names the value in help output.
func (b *ByteSize) Type() string { return "size" }

// AddMaxSizeFlag binds --max-size, the largest journey file a command
// reads (the map and each included file), to *p in bytes, with
// load.DefaultMaxBytes as the default. Every command that reads maps calls
// it, so the flag reads and reads out the same everywhere.
func AddMaxSizeFlag(fs *pflag.FlagSet, p *int64) {
	*p = load.DefaultMaxBytes
	fs.Var((*ByteSize)(p), "max-size", "largest file read, in bytes or with a unit (20MiB)")
}
