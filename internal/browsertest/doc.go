// Package browsertest holds the end-to-end test of the live preview (`cjm
// serve`) in a real browser: it builds the cjm binary, serves a copy of each
// shipped example, and drives headless Chromium through the DevTools
// protocol (github.com/chromedp/chromedp). The test is black-box: it knows
// only the command line, what serve prints, and the page's HTML.
//
// It skips when Chromium is not installed, except in CI (CI=true), where a
// missing browser fails it: .ci/run installs Debian's chromium first.
// `go test ./internal/browsertest -args -saves 20` saves each example more
// often and logs the median time from a write to the new drawing in the page.
package browsertest
