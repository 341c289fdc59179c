package raster

import "errors"

// Options tune the conversion.
type Options struct {
	// DPI is the PNG resolution; zero means DefaultDPI. SVG units are
	// points (72 per inch), so 192 draws at 2.67 pixels per point.
	DPI float64
}

// DefaultDPI is the PNG resolution when Options.DPI is zero: twice a
// 96-dpi screen.
const DefaultDPI = 192

// PNG draws svg as a PNG image.
func PNG(svg []byte, opts Options) ([]byte, error) {
	return nil, errors.New("png output is not implemented yet")
}

// PDF draws svg as a one-page vector PDF with the fonts embedded.
func PDF(svg []byte, opts Options) ([]byte, error) {
	return nil, errors.New("pdf output is not implemented yet")
}
