package textmeasure

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// Beyond the bundled Liberation and DejaVu fonts, characters neither has
// (CJK, emoji, Thai, Devanagari, ...) are measured and drawn in a font of
// the fallback chain: the pinned font files first (cjm render --font), in
// the order given, then the fonts installed on the system. The same chain
// serves pkg/textmeasure (layout) and pkg/raster (drawing), so boxes fit
// their text. A character the bundled fonts have never reaches the chain,
// so maps they cover give the same bytes on every machine.

// Font is one face of the fallback chain.
type Font struct {
	// Path is the font file; Index the face in a collection (.ttc).
	Path  string
	Index int
	// Data is the whole file, as pkg/raster loads it.
	Data []byte
	// Bold is true when the face's file name says it is bold.
	Bold bool

	sfnt  *sfnt.Font
	upem  float64
	cover map[*unicode.RangeTable]bool // by script, under the chain's lock
}

// FontConfig says where the fallback chain finds its fonts.
type FontConfig struct {
	// Files are pinned font files (TrueType, .ttf or .ttc), consulted in
	// order before any system font.
	Files []string
	// Dirs are searched, recursively, for system fonts; nil means
	// DefaultFontDirs. An empty non-nil slice turns system fonts off.
	Dirs []string
}

// DefaultFontDirs are the directories system fonts are read from, without
// fontconfig: on Linux and the BSDs the XDG and Debian locations, on macOS
// and Windows the system's and the user's font folders.
func DefaultFontDirs() []string {
	home, _ := os.UserHomeDir()
	var dirs []string
	switch runtime.GOOS {
	case "darwin":
		dirs = []string{"/System/Library/Fonts", "/Library/Fonts"}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	case "windows":
		if w := os.Getenv("WINDIR"); w != "" {
			dirs = append(dirs, filepath.Join(w, "Fonts"))
		}
		if l := os.Getenv("LOCALAPPDATA"); l != "" {
			dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
		}
	default:
		dirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"))
		}
	}
	return dirs
}

// chain is the configured fallback chain. System font files are listed
// on first need, and each file is read and parsed only when a character
// reaches it.
type chain struct {
	mu      sync.Mutex
	pinned  []*Font
	dirs    []string // nil: DefaultFontDirs
	listed  bool
	files   []string // system font files, in the order they are tried
	opened  int      // files[:opened] have been read
	system  []*Font  // usable faces of the files read so far
	byRune  map[runeKey]*Font
	version int
}

type runeKey struct {
	r    rune
	bold bool
}

var fonts = &chain{byRune: map[runeKey]*Font{}}

// SetFonts configures the fallback chain for the whole process (cjm render
// calls it once, with --font). It reads and checks every pinned file: a
// file that cannot be read, is not a font or has no TrueType outlines is
// an error. Measurements made before are forgotten.
func SetFonts(cfg FontConfig) error {
	var pinned []*Font
	for _, p := range cfg.Files {
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("--font: %w", err)
		}
		faces, err := parseFaces(p, data)
		if err != nil {
			return fmt.Errorf("--font %s: %w", p, err)
		}
		if len(faces) == 0 {
			return fmt.Errorf("--font %s: no face with TrueType outlines (glyf table); cjm draws and embeds TrueType fonts only (CFF .otf fonts such as Noto Sans CJK cannot be embedded in the PDF)", p)
		}
		pinned = append(pinned, faces...)
	}
	c := fonts
	c.mu.Lock()
	c.pinned, c.dirs = pinned, cfg.Dirs
	c.listed, c.files, c.opened, c.system = false, nil, 0, nil
	c.byRune = map[runeKey]*Font{}
	c.version++
	c.mu.Unlock()
	regular.reset()
	bold.reset()
	return nil
}

// FontsVersion changes each time SetFonts is called, so that users of
// FallbackFont can drop what they derived from an earlier chain.
func FontsVersion() int {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	return fonts.version
}

// FallbackFont returns the font of the chain that draws r: the first
// pinned face that has it, else the first system face that has it among
// those of the requested weight (by file name), else among the others.
// System files are tried in sorted path order. It returns nil when no
// font has r.
func FallbackFont(r rune, isBold bool) *Font {
	c := fonts
	c.mu.Lock()
	defer c.mu.Unlock()
	k := runeKey{r, isBold}
	if f, ok := c.byRune[k]; ok {
		return f
	}
	f := c.find(r, isBold)
	c.byRune[k] = f
	return f
}

func (c *chain) find(r rune, isBold bool) *Font {
	for _, f := range c.pinned {
		if f.has(r) {
			return f
		}
	}
	if !c.listed {
		dirs := c.dirs
		if dirs == nil {
			dirs = DefaultFontDirs()
		}
		c.files = listFonts(dirs)
		c.listed = true
	}
	// The first face that has r, of the requested weight, and covers r's
	// script wins. Failing that, the best of the others in this order:
	// covers the script in the other weight, has r in the requested
	// weight, has r at all. Covering the script keeps a label in one
	// font: Symbola has 中 among its symbols, Droid Sans Fallback has the
	// CJK ideographs.
	script := scriptOf(r)
	var second [3]*Font
	try := func(f *Font) bool {
		if !f.has(r) {
			return false
		}
		covers := f.covers(script)
		rank := 2
		switch {
		case covers && f.Bold == isBold:
			return true
		case covers:
			rank = 0
		case f.Bold == isBold:
			rank = 1
		}
		if second[rank] == nil {
			second[rank] = f
		}
		return false
	}
	for _, f := range c.system {
		if try(f) {
			return f
		}
	}
	for c.opened < len(c.files) {
		p := c.files[c.opened]
		c.opened++
		faces := readFaces(p)
		c.system = append(c.system, faces...)
		for _, f := range faces {
			if try(f) {
				return f
			}
		}
	}
	for _, f := range second {
		if f != nil {
			return f
		}
	}
	return nil
}

// scripts are the Unicode scripts in name order, without Common and
// Inherited (symbols, punctuation, emoji, marks: any font that has the
// character will do).
var scripts = func() []*unicode.RangeTable {
	names := make([]string, 0, len(unicode.Scripts))
	for n := range unicode.Scripts {
		if n != "Common" && n != "Inherited" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	out := make([]*unicode.RangeTable, len(names))
	for i, n := range names {
		out[i] = unicode.Scripts[n]
	}
	return out
}()

// scriptOf returns the script of r, or nil for Common and Inherited.
func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range scripts {
		if unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

// coverSamples is the number of code points of a script (in the Basic
// Multilingual Plane) a face is checked for.
const coverSamples = 256

// covers reports whether the face has at least half of a sample of the
// script's code points in the Basic Multilingual Plane (all of them for a
// small script), or script is nil.
func (f *Font) covers(script *unicode.RangeTable) bool {
	if script == nil {
		return true
	}
	if v, ok := f.cover[script]; ok {
		return v
	}
	var cps []rune
	for _, r16 := range script.R16 {
		for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
			cps = append(cps, r)
		}
	}
	if len(cps) == 0 {
		for _, r32 := range script.R32 {
			for r := rune(r32.Lo); r <= rune(r32.Hi) && len(cps) < 1<<16; r += rune(r32.Stride) {
				cps = append(cps, r)
			}
		}
	}
	step := max(1, len(cps)/coverSamples)
	n, has := 0, 0
	for i := 0; i < len(cps); i += step {
		n++
		if f.has(cps[i]) {
			has++
		}
	}
	v := n > 0 && 2*has >= n
	if f.cover == nil {
		f.cover = map[*unicode.RangeTable]bool{}
	}
	f.cover[script] = v
	return v
}

func (f *Font) has(r rune) bool {
	var buf sfnt.Buffer
	i, err := f.sfnt.GlyphIndex(&buf, r)
	return err == nil && i != 0
}

// Has reports whether the face has a glyph for r.
func (f *Font) Has(r rune) bool { return f.has(r) }

var (
	fontExt = regexp.MustCompile(`(?i)\.(ttf|ttc|otf|otc)$`)
	// Files whose name marks another weight or a style are tried after
	// the plain ones, and only for text of neither weight: regular text
	// prefers NotoSans-Regular.ttf to NotoSans-Black.ttf.
	boldName  = regexp.MustCompile(`(?i)bold`)
	otherName = regexp.MustCompile(`(?i)(semi|demi|extra|ultra)bold|black|heavy|light|thin|medium|italic|oblique|condensed|narrow|mono|math`)
)

// listFonts returns the font files under dirs (symbolic links followed
// for the directories given, not inside them), plain weights first, then
// bold ones, then the rest, each group in sorted path order, so that the
// chain is the same whatever order the file system lists them in.
func listFonts(dirs []string) []string {
	var plain, bolds, rest []string
	seen := map[string]bool{}
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !fontExt.MatchString(p) || seen[p] {
				return nil
			}
			seen[p] = true
			base := filepath.Base(p)
			switch {
			case otherName.MatchString(base):
				rest = append(rest, p)
			case boldName.MatchString(base):
				bolds = append(bolds, p)
			default:
				plain = append(plain, p)
			}
			return nil
		})
	}
	slices.Sort(plain)
	slices.Sort(bolds)
	slices.Sort(rest)
	return slices.Concat(plain, bolds, rest)
}

// maxFontFile bounds a font file read from the system (Noto Sans CJK
// collections are about 20 MB).
const maxFontFile = 64 << 20

// readFaces reads a system font file and returns its usable faces; a file
// that cannot be read or parsed gives none.
func readFaces(p string) []*Font {
	fh, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer fh.Close()
	// Look at the table directory first: a font without TrueType outlines
	// (CFF, or colour bitmaps only) is not read in full.
	if !hasGlyf(fh) {
		return nil
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxFontFile+1))
	if err != nil || len(data) > maxFontFile {
		return nil
	}
	faces, _ := parseFaces(p, data)
	return faces
}

// parseFaces parses a font file or collection and returns its faces that
// have TrueType outlines: canvas subsets only those for the PDF (it
// cannot subset the CID-keyed CFF of Noto Sans CJK, and has nothing to
// draw from the colour bitmaps of Noto Color Emoji).
func parseFaces(p string, data []byte) ([]*Font, error) {
	coll, err := sfnt.ParseCollection(data)
	if err != nil {
		return nil, fmt.Errorf("not a font: %w", err)
	}
	if !hasGlyf(bytesReaderAt(data)) {
		return nil, nil
	}
	isBold := boldName.MatchString(filepath.Base(p)) && !otherName.MatchString(filepath.Base(p))
	var out []*Font
	for i := 0; i < coll.NumFonts(); i++ {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		out = append(out, &Font{Path: p, Index: i, Data: data, Bold: isBold, sfnt: f, upem: float64(f.UnitsPerEm())})
	}
	return out, nil
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// hasGlyf reports whether the font (or the first face of a collection)
// has a glyf table.
func hasGlyf(r io.ReaderAt) bool {
	var head [12]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return false
	}
	off := int64(0)
	if string(head[:4]) == "ttcf" {
		var first [4]byte
		if _, err := r.ReadAt(first[:], 12); err != nil {
			return false
		}
		off = int64(binary.BigEndian.Uint32(first[:]))
		if _, err := r.ReadAt(head[:], off); err != nil {
			return false
		}
	}
	n := int(binary.BigEndian.Uint16(head[4:6]))
	if n > 1000 {
		return false
	}
	dir := make([]byte, 16*n)
	if _, err := r.ReadAt(dir, off+12); err != nil && !errors.Is(err, io.EOF) {
		return false
	}
	for i := 0; i+16 <= len(dir); i += 16 {
		if string(dir[i:i+4]) == "glyf" {
			return true
		}
	}
	return false
}

// String names the face for messages: the file, and the face's number in
// a collection.
func (f *Font) String() string {
	if f.Index > 0 || strings.EqualFold(filepath.Ext(f.Path), ".ttc") {
		return fmt.Sprintf("%s (face %d)", f.Path, f.Index)
	}
	return f.Path
}
