package load

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"

	"github.com/cjm-dev/cjm/pkg/diag"
)

// This file holds every way cjm reads a journey file: File and the
// includes it follows, and the commands that read files themselves (fmt,
// diff) through ReadFile, ReadAll and CheckSize. All of them refuse what is
// not a regular file and stop at the size limit, so no input can block a
// command (a named pipe) or exhaust its memory (/dev/zero, a huge pipe).

// Limit returns the size limit o sets, in bytes; 0 or less means none.
func (o Options) Limit() int64 { return o.maxBytes() }

// ReadFile reads the journey file at path as File does: only a regular
// file (a directory, named pipe, device or socket is refused before it is
// read, so nothing blocks or never ends), and at most limit bytes (limit 0
// or less: no limit). A failure is a finding of the file itself:
// read-error without a position (Unreadable reports it), or
// file-too-large at 1:1.
func ReadFile(path string, limit int64) ([]byte, *diag.Diagnostic) {
	return readFile(path, limit, diag.Range{Filename: path})
}

// ReadAll reads a journey file from r (standard input, a pipe), named name
// in findings, and stops reading one byte past limit (0 or less: no limit).
func ReadAll(name string, r io.Reader, limit int64) ([]byte, *diag.Diagnostic) {
	at := diag.Range{Filename: name}
	src, err := readLimited(r, limit, 0)
	if err != nil {
		return nil, readErr(at, name, err)
	}
	if limit > 0 && int64(len(src)) > limit {
		return nil, tooLarge(at, name, -1, limit)
	}
	return src, nil
}

// CheckSize returns the file-too-large finding of a file named name that
// holds size bytes, when that is over limit (0 or less: no limit), and nil
// otherwise. It serves readers that learn the size before reading (`git
// cat-file -s` before `git show`); its message is the one File gives.
func CheckSize(name string, size, limit int64) *diag.Diagnostic {
	if limit > 0 && size > limit {
		return tooLarge(diag.Range{Filename: name}, name, size, limit)
	}
	return nil
}

// Unreadable reports whether d says that a file named on the command line
// or found in a walk could not be read at all: a read-error of the file
// itself (no position), not of one of its includes (which is a finding at
// the `include` line). Commands exit 2 for it: they could not run.
func Unreadable(d *diag.Diagnostic) bool {
	return d.Rule == RuleReadError && d.Range.Start.IsZero()
}

// OpenRegular opens path for reading when it is a regular file (symbolic
// links followed), and returns it with its FileInfo. Anything else is
// refused before it is opened, with a *NotRegularError (or a
// *fs.PathError): opening a named pipe would wait for a writer, and opening
// a device can have effects of its own. The check is made again on the
// opened file, which is opened without blocking, in case the path was
// swapped in between. Every reader of journey files opens them here.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, err
	}
	if fi, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	return f, fi, nil
}

// NotRegularError says that a path names a directory, named pipe, device
// or socket where a journey file was expected.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	what := "not a regular file"
	switch m := e.Mode; {
	case m.IsDir():
		return e.Path + " is a directory, not a journey file"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		what = "a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		what = "a device, not a regular file"
	}
	return "cannot read " + e.Path + ": it is " + what + "; name a journey file"
}

// readFile reads at most max bytes (and one more to tell that the file is
// too large) of a regular file. at is where a failure is reported.
func readFile(path string, max int64, at diag.Range) ([]byte, *diag.Diagnostic) {
	f, fi, err := OpenRegular(path)
	if err != nil {
		return nil, readErr(at, path, err)
	}
	defer f.Close()
	if max > 0 && fi.Size() > max {
		return nil, tooLarge(at, path, fi.Size(), max)
	}
	src, err := readLimited(f, max, fi.Size())
	if err != nil {
		return nil, readErr(at, path, err)
	}
	if max > 0 && int64(len(src)) > max { // it grew while we read
		return nil, tooLarge(at, path, int64(len(src)), max)
	}
	return src, nil
}

// readLimited reads r to the end, or to max+1 bytes when max > 0. hint is
// the expected size (0: unknown).
func readLimited(r io.Reader, max, hint int64) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 && (max <= 0 || hint <= max) {
		buf.Grow(int(hint) + bytes.MinRead)
	}
	if max > 0 {
		r = io.LimitReader(r, max+1)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func readErr(at diag.Range, path string, err error) *diag.Diagnostic {
	var nr *NotRegularError
	if errors.As(err, &nr) {
		return diag.Errorf(at, RuleReadError, "%s", nr.Error())
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return diag.Errorf(at, RuleReadError, "cannot read %s: no such file", path)
	}
	return diag.Errorf(at, RuleReadError, "cannot read %s: %v", path, err)
}

// tooLarge is the file-too-large finding; size < 0 means unknown (a pipe
// read up to the limit).
func tooLarge(r diag.Range, name string, size, max int64) *diag.Diagnostic {
	if r.Start.IsZero() {
		r.Start = diag.Pos{Line: 1, Column: 1}
	}
	if size < 0 {
		return diag.Errorf(r, RuleFileTooLarge,
			"%s is over the %s limit; split the map or raise the limit with --max-size", name, FormatSize(max, false))
	}
	return diag.Errorf(r, RuleFileTooLarge,
		"%s is %s, over the %s limit; split the map or raise the limit with --max-size", name, FormatSize(size, true), FormatSize(max, false))
}

// FormatSize writes n bytes for a message: "512 bytes", "1.5 KiB",
// "10.3 MiB", "2 GiB", with one decimal at most. up rounds up rather than
// down, so that a size over a limit never prints as the limit itself.
func FormatSize(n int64, up bool) string {
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	if n < 1<<10 {
		if n == 1 {
			return "1 byte"
		}
		return strconv.FormatInt(n, 10) + " bytes"
	}
	v, unit := float64(n)/(1<<10), units[0]
	for _, u := range units[1:] {
		if v < 1<<10 {
			break
		}
		v, unit = v/(1<<10), u
	}
	tenths := math.Floor(v * 10)
	if up {
		tenths = math.Ceil(v * 10)
	}
	return strconv.FormatFloat(tenths/10, 'f', -1, 64) + " " + unit
}
