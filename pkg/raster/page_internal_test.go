package raster

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/cjm-dev/cjm/internal/testtool"
)

func TestPartition(t *testing.T) {
	for _, tc := range []struct {
		sizes []float64
		limit float64
		want  [][2]int
	}{
		{[]float64{1, 1, 1, 1, 1, 1}, 4, [][2]int{{0, 3}, {3, 6}}}, // even, not 4 + 2
		{[]float64{1, 1, 1, 1, 1, 1}, 6, [][2]int{{0, 6}}},
		{[]float64{1, 1, 1, 1, 1, 1}, 2.5, [][2]int{{0, 2}, {2, 4}, {4, 6}}},
		{[]float64{5, 1, 1}, 2, [][2]int{{0, 1}, {1, 3}}}, // too wide: a run of its own
		{[]float64{1}, 0.5, [][2]int{{0, 1}}},
	} {
		if got := partition(tc.sizes, tc.limit); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("partition(%v, %g) = %v, want %v", tc.sizes, tc.limit, got, tc.want)
		}
	}
}

func TestIsText(t *testing.T) {
	for s, want := range map[string]bool{"●●○": false, "★": false, "▲ ▼": false, "4,5": true, "Цель": true, "不": true, " ": false} {
		if isText(s) != want {
			t.Errorf("isText(%q) = %v", s, !want)
		}
	}
}

// chunks returns the chunks of a PNG, checking each CRC.
func chunks(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var order []string
	for i := 8; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ, data := string(b[i+4:i+8]), b[i+8:i+8+n]
		if crc := binary.BigEndian.Uint32(b[i+8+n:]); crc != crc32.ChecksumIEEE(b[i+4:i+8+n]) {
			t.Errorf("chunk %s: bad CRC", typ)
		}
		out[typ] = data
		order = append(order, typ)
		i += 12 + n
	}
	if len(order) < 3 || order[0] != "IHDR" || order[1] != "pHYs" || order[2] != "sRGB" {
		t.Errorf("chunks %v, want IHDR pHYs sRGB first", order)
	}
	return out
}

// TestPaperPNGChunks: a PNG on paper is the page's size at PageDPI and
// says so (pHYs), in sRGB.
func TestPaperPNGChunks(t *testing.T) {
	svg := sampleSVG(t)
	page, _ := ParsePage("a4")
	b, err := PNG(svg, Options{Page: page, Title: "Sample", Footer: "footer"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if sz := img.Bounds().Size(); sz.X != 1240 || sz.Y != 1754 {
		t.Errorf("A4 at %d dpi is %v, want 1240×1754", PageDPI, sz)
	}
	c := chunks(t, b)
	phys := c["pHYs"]
	if len(phys) != 9 || binary.BigEndian.Uint32(phys) != 5906 || binary.BigEndian.Uint32(phys[4:]) != 5906 || phys[8] != 1 {
		t.Errorf("pHYs %x, want 5906 pixels per metre both ways (150 dpi)", phys)
	}
	if s := c["sRGB"]; len(s) != 1 || s[0] != 0 {
		t.Errorf("sRGB %x, want 00 (perceptual)", s)
	}
	dpi, _ := PNG(svg, Options{Page: page, DPI: 300})
	if phys := chunks(t, dpi)["pHYs"]; binary.BigEndian.Uint32(phys) != 11811 {
		t.Errorf("300 dpi: pHYs %x, want 11811 pixels per metre", phys)
	}
}

// TestPaperPDFStable: paper PDFs carry no date, and a title whose UTF-16
// has a CR byte (不 is U+4E0D) is escaped, so readers show it as written.
func TestPaperPDFStable(t *testing.T) {
	svg := sampleSVG(t)
	page, _ := ParsePage("a3-landscape")
	opts := Options{Page: page, Title: "进不去 Ѝ (test)", Subject: "中文 不", Lang: "zh"}
	a, err := PDF(svg, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := PDF(svg, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two paper PDFs of one drawing differ")
	}
	checkXref(t, a)
	pdfinfo := testtool.Need(t, "install poppler-utils (apt-get install -y poppler-utils) to read the PDF's metadata back", "pdfinfo")
	cmd := exec.Command(pdfinfo, "-")
	cmd.Stdin = bytes.NewReader(a)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"Title:           进不去 Ѝ (test)\n", "Subject:         中文 不\n", "Pages:           1\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo says\n%s\nwant %q", out, want)
		}
	}
}
