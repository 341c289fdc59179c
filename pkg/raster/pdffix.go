package raster

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// The font subsets canvas embeds carry the time of writing in their head
// table (tdewolff/font sets "modified" to time.Now), so two PDFs of the same
// drawing differ. fixFontDates sets each embedded TrueType font's modified
// date to its created date, fixes the font's checksums, and rewrites the
// stream, its /Length and the cross-reference offsets.

var (
	fontFileRef = regexp.MustCompile(`/FontFile2 (\d+) 0 R`)
	lengthKey   = regexp.MustCompile(`/Length (\d+)`)
	xrefHead    = regexp.MustCompile(`\nxref\r?\n0 (\d+)\r?\n`)
	startXref   = regexp.MustCompile(`startxref\r?\n(\d+)`)
)

type splice struct {
	at, oldLen int
	data       []byte
}

func fixFontDates(pdf []byte) ([]byte, error) {
	var splices []splice
	seen := map[string]bool{}
	for _, m := range fontFileRef.FindAllSubmatch(pdf, -1) {
		num := string(m[1])
		if seen[num] {
			continue
		}
		seen[num] = true
		sp, err := fixFontObject(pdf, num)
		if err != nil {
			return nil, err
		}
		if sp != nil {
			splices = append(splices, *sp)
		}
	}
	if len(splices) == 0 {
		return pdf, nil
	}
	return applySplices(pdf, splices)
}

// applySplices replaces parts of pdf and moves the cross-reference
// offsets after them.
func applySplices(pdf []byte, splices []splice) ([]byte, error) {
	sort.Slice(splices, func(i, j int) bool { return splices[i].at < splices[j].at })
	shift := func(off int) int {
		d := 0
		for _, s := range splices {
			if s.at < off {
				d += len(s.data) - s.oldLen
			}
		}
		return off + d
	}
	var out bytes.Buffer
	last := 0
	for _, s := range splices {
		out.Write(pdf[last:s.at])
		out.Write(s.data)
		last = s.at + s.oldLen
	}
	out.Write(pdf[last:])
	b := out.Bytes()

	// Rewrite the cross-reference table (fixed 20-byte entries) and the
	// startxref offset.
	xm := xrefHead.FindSubmatchIndex(b)
	if xm == nil {
		return nil, fmt.Errorf("pdf: no cross-reference table")
	}
	n, _ := strconv.Atoi(string(b[xm[2]:xm[3]]))
	entries := b[xm[1]:]
	if len(entries) < n*20 {
		return nil, fmt.Errorf("pdf: short cross-reference table")
	}
	for i := 0; i < n; i++ {
		e := entries[i*20 : i*20+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return nil, fmt.Errorf("pdf: bad cross-reference entry %q", e)
		}
		copy(e[:10], fmt.Sprintf("%010d", shift(off)))
	}
	sm := startXref.FindSubmatchIndex(b)
	if sm == nil {
		return nil, fmt.Errorf("pdf: no startxref")
	}
	old, _ := strconv.Atoi(string(b[sm[2]:sm[3]]))
	return append(append(append([]byte{}, b[:sm[2]]...), strconv.Itoa(shift(old))...), b[sm[3]:]...), nil
}

// escapeInfoCR escapes the carriage-return bytes in the strings of the
// document information dictionary (object 2, as canvas writes it). canvas
// writes a non-ASCII /Title or /Subject as raw UTF-16 between parentheses,
// escaping only \, ( and ); the PDF standard (7.3.4.2) has a reader turn
// a raw CR in a literal string into LF, so a character with a 0x0D byte
// (不 is U+4E0D, Ѝ U+040D) would read as another one.
func escapeInfoCR(pdf []byte) ([]byte, error) {
	start := bytes.LastIndex(pdf, []byte("\n2 0 obj\n"))
	if start < 0 {
		return pdf, nil
	}
	end := bytes.Index(pdf[start:], []byte("endobj"))
	if end < 0 {
		return pdf, nil
	}
	var splices []splice
	for i := start; i < start+end; i++ {
		if pdf[i] == '\r' {
			splices = append(splices, splice{at: i, oldLen: 1, data: []byte(`\r`)})
		}
	}
	if len(splices) == 0 {
		return pdf, nil
	}
	return applySplices(pdf, splices)
}

// fixFontObject returns the replacement of object num's dictionary and
// stream, or nil when it needs none.
func fixFontObject(pdf []byte, num string) (*splice, error) {
	head := []byte("\n" + num + " 0 obj")
	at := bytes.Index(pdf, head)
	if at < 0 {
		return nil, fmt.Errorf("pdf: object %s not found", num)
	}
	at += len(head)
	rest := pdf[at:]
	st := bytes.Index(rest, []byte("stream"))
	if st < 0 {
		return nil, fmt.Errorf("pdf: object %s has no stream", num)
	}
	dict := rest[:st]
	lm := lengthKey.FindSubmatchIndex(dict)
	if lm == nil {
		return nil, fmt.Errorf("pdf: object %s has no /Length", num)
	}
	length, _ := strconv.Atoi(string(dict[lm[2]:lm[3]]))
	dataAt := st + len("stream")
	if dataAt < len(rest) && rest[dataAt] == '\r' {
		dataAt++
	}
	if dataAt < len(rest) && rest[dataAt] == '\n' {
		dataAt++
	}
	if dataAt+length > len(rest) {
		return nil, fmt.Errorf("pdf: object %s: stream runs past the end", num)
	}
	compressed := bytes.Contains(dict, []byte("/FlateDecode"))
	data := rest[dataAt : dataAt+length]
	font := data
	if compressed {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("pdf: object %s: %w", num, err)
		}
		if font, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("pdf: object %s: %w", num, err)
		}
	} else {
		font = append([]byte{}, data...)
	}
	if !fixHeadDate(font) {
		return nil, nil
	}
	if compressed {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		zw.Write(font)
		zw.Close()
		font = buf.Bytes()
	}
	var nd bytes.Buffer
	nd.Write(dict[:lm[2]])
	nd.WriteString(strconv.Itoa(len(font)))
	nd.Write(dict[lm[3]:])
	nd.Write(rest[st:dataAt])
	nd.Write(font)
	return &splice{at: at, oldLen: dataAt + length, data: nd.Bytes()}, nil
}

// fixHeadDate sets the modified date of a TrueType font to its created
// date and recomputes the head table's checksum and the font's
// checkSumAdjustment. It reports whether font is a TrueType font it
// changed.
func fixHeadDate(font []byte) bool {
	if len(font) < 12 {
		return false
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return false
		}
		if string(font[rec:rec+4]) != "head" {
			continue
		}
		off := int(binary.BigEndian.Uint32(font[rec+8:]))
		ln := int(binary.BigEndian.Uint32(font[rec+12:]))
		if ln < 54 || off+ln > len(font) {
			return false
		}
		h := font[off : off+ln]
		copy(h[28:36], h[20:28]) // modified = created
		binary.BigEndian.PutUint32(h[8:], 0)
		binary.BigEndian.PutUint32(font[rec+4:], checksum(h))
		binary.BigEndian.PutUint32(h[8:], 0xB1B0AFBA-checksum(font))
		return true
	}
	return false
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
