package raster

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math"
	"regexp"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

// record adds the bounds of a drawn shape p (mm), or of a text, to the box
// of the node it belongs to, when that node is under the graph's id (see findColumns).
func (d *drawer) record(p *canvas.Path) { d.recordRect(p.FastBounds()) }

// recordRect adds b (mm) to the box of the node being drawn (see record).
func (d *drawer) recordRect(b canvas.Rect) {
	id := d.nodeID()
	if id == "" {
		return
	}
	if old, ok := d.boxes[id]; ok {
		b = old.Add(b)
	} else {
		d.boxIDs = append(d.boxIDs, id)
	}
	d.boxes[id] = b
}

// nodeID is the id of the node being drawn when it is under the graph's
// id, else "".
func (d *drawer) nodeID() string {
	if d.root == "" {
		return ""
	}
	id := ""
	for i := len(d.ids) - 1; i >= 0 && id == ""; i-- {
		if d.tags[i] == "g" {
			id = d.ids[i]
		}
	}
	if !strings.HasPrefix(id, d.root+"-") {
		return ""
	}
	// A node with a link or a tooltip is drawn inside <g id="a_<id>">.
	if rest, ok := strings.CutPrefix(id, d.root+"-a_"); ok {
		id = rest
	}
	return id
}

// setInfo writes the document's metadata. canvas writes the catalog's
// /Lang from the creator (a bug in its writer), so the language goes in as
// the creator too and stripPDFCreator blanks the /Creator entry after.
func setInfo(p *pdf.PDF, opts Options) {
	p.SetInfo(opts.Title, opts.Subject, "", "", opts.Lang)
	if opts.Lang != "" {
		p.SetLang(opts.Lang)
	}
}

// stripPDFCreator blanks the info dictionary's /Creator (lang), which
// setInfo had to write, with spaces of the same length so that the
// cross-reference offsets stay right.
func stripPDFCreator(b []byte, lang string) []byte {
	if lang == "" {
		return b
	}
	re := regexp.MustCompile(`/Creator\s*\(` + regexp.QuoteMeta(lang) + `\)`)
	return re.ReplaceAllFunc(b, func(m []byte) []byte { return bytes.Repeat([]byte{' '}, len(m)) })
}

// withPNGChunks inserts, after the IHDR chunk of a PNG written by
// image/png, a pHYs chunk with its resolution (pixels per metre, so that
// a viewer or a printer knows its size on paper) and an sRGB chunk
// (perceptual intent: the colours are sRGB, as the SVG's).
func withPNGChunks(png []byte, dpi float64) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	if len(png) < ihdrEnd || string(png[12:16]) != "IHDR" {
		return png
	}
	ppm := uint32(math.Round(dpi / 0.0254))
	phys := make([]byte, 9)
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // the unit is the metre
	var out bytes.Buffer
	out.Write(png[:ihdrEnd])
	writeChunk(&out, "pHYs", phys)
	writeChunk(&out, "sRGB", []byte{0})
	out.Write(png[ihdrEnd:])
	return out.Bytes()
}

func writeChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
