// Package theme loads the branding of a deliverable: a YAML file named by
// `cjm render --theme` or by the project configuration's `render.theme`
// (brand colours, a logo, a font family, a footer and a confidentiality
// line), or one of the built-in themes (default, print). It gives a
// *view.Theme, which the builders, pkg/render and the HTML report draw;
// docs/themes.md describes the keys.
package theme
