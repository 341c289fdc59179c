// Package crosscheck holds no code: its test renders every example as the
// map and flow views (DOT), the Markdown and the HTML report, and checks
// that they number every touchpoint alike and write every metric's value
// and status alike (issue 10: the map said 1.1–6.2 and "2,1 %", the
// reports 1–11 and "2.1%").
package crosscheck
