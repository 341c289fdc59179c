package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/gosimple/slug"

	"github.com/cjm-dev/cjm/pkg/validate"
)

// maxID is the longest id format 1 allows.
const maxID = 64

// IDs hands out the ids of one kind of element (stages, touchpoints,
// personas …) in one map: each derived from a name, valid, and unique
// among those handed out or reserved. The same names in the same order
// give the same ids.
type IDs struct {
	// Prefix starts the hash-based id of a name that transliterates to
	// nothing (emoji, punctuation): "stage" gives "stage-1a2b3c4d".
	Prefix string
	taken  map[string]bool
	// next is the suffix to try first for a base id, so that many equal
	// names cost one try each, not one per earlier name.
	next map[string]int
}

// NewIDs returns an allocator whose fallback ids start with prefix.
func NewIDs(prefix string) *IDs {
	return &IDs{Prefix: prefix, taken: map[string]bool{}, next: map[string]int{}}
}

// Reserve marks id as taken (an id the source gave explicitly) and reports
// whether it was free.
func (g *IDs) Reserve(id string) bool {
	if g.taken[id] {
		return false
	}
	g.taken[id] = true
	return true
}

// Taken reports whether id has been handed out or reserved.
func (g *IDs) Taken(id string) bool { return g.taken[id] }

// New returns a fresh id for name: its slug ("Оценка решения" →
// "ocenka-resheniia"), or Prefix and a hash of the name when the slug is
// empty; "-2", "-3" … is appended when that id is taken.
func (g *IDs) New(name string) string {
	base := Slug(name)
	if base == "" {
		sum := sha256.Sum256([]byte(name))
		base = g.Prefix + "-" + hex.EncodeToString(sum[:4])
	}
	if g.Reserve(base) {
		return base
	}
	for n := max(2, g.next[base]); ; n++ {
		suffix := "-" + strconv.Itoa(n)
		id := trimID(base, maxID-len(suffix)) + suffix
		if g.Reserve(id) {
			g.next[base] = n + 1
			return id
		}
	}
}

// Slug transliterates name to a valid id, or returns "" when nothing of
// it is left (a name of emoji or punctuation only).
func Slug(name string) string {
	s := slug.Make(strings.ReplaceAll(name, "\n", " "))
	s = strings.TrimLeft(s, "-_")
	s = trimID(s, maxID)
	if !validate.ValidID(s) {
		return ""
	}
	return s
}

// trimID cuts id to at most n bytes (ids are ASCII), preferring a cut at
// a dash, and drops trailing dashes and underscores.
func trimID(id string, n int) string {
	if len(id) > n {
		cut := id[:n]
		if i := strings.LastIndexByte(cut, '-'); i > n/2 {
			cut = cut[:i]
		}
		id = cut
	}
	return strings.TrimRight(id, "-_")
}
