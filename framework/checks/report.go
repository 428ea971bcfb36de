package checks

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// ErrSystemCheck is returned by [Report] when a message is serious
// (Django's SystemCheckError). The check command returns it so that manage
// exits 1.
var ErrSystemCheck = errors.New("checks: system check identified serious issues")

// Format renders m as Django's CheckMessage.__str__ does:
//
//	?: (security.W009) Your SECRET_KEY has ...
//		HINT: Set SECRET_KEY ...
//
// The object is "?" when Obj is empty; the "(ID) " part and the hint line
// are left out when empty.
func Format(m Message) string {
	var b strings.Builder
	if m.Obj == "" {
		b.WriteString("?")
	} else {
		b.WriteString(m.Obj)
	}
	b.WriteString(": ")
	if m.ID != "" {
		fmt.Fprintf(&b, "(%s) ", m.ID)
	}
	b.WriteString(m.Text)
	if m.Hint != "" {
		b.WriteString("\n\tHINT: ")
		b.WriteString(m.Hint)
	}
	return b.String()
}

// groups are Django's report sections, most severe first.
var groups = []struct {
	name     string
	min, max Level // min <= level < max
}{
	{"CRITICALS", Critical, 1 << 30},
	{"ERRORS", Error, Critical},
	{"WARNINGS", Warning, Error},
	{"INFOS", Info, Warning},
	{"DEBUGS", -1 << 30, Info},
}

// Report writes msgs as Django's check command does: a header, one section
// per level (CRITICALS, ERRORS, WARNINGS, INFOS, DEBUGS) with the messages
// of the section sorted, and the summary line "System check identified N
// issues (0 silenced)." (or "no issues", or "1 issue"). When a message is
// serious the header starts with "SystemCheckError: " and Report returns an
// error wrapping [ErrSystemCheck]; otherwise it returns nil (write errors
// are not reported).
//
// Django writes the report to stderr when there are issues and to stdout
// when there are none; callers choose w accordingly.
func Report(w io.Writer, msgs []Message) error { return ReportSilenced(w, msgs, 0) }

// ReportSilenced is [Report] for the messages [Silence] kept visible:
// the summary line counts the silenced ones, "(2 silenced)".
func ReportSilenced(w io.Writer, msgs []Message, silenced int) error {
	var body strings.Builder
	for _, g := range groups {
		var lines []string
		for _, m := range msgs {
			if m.Level >= g.min && m.Level < g.max {
				lines = append(lines, Format(m))
			}
		}
		if len(lines) > 0 {
			slices.Sort(lines)
			fmt.Fprintf(&body, "\n%s:\n%s\n", g.name, strings.Join(lines, "\n"))
		}
	}
	serious := HasErrors(msgs)
	if len(msgs) > 0 {
		if serious {
			io.WriteString(w, "SystemCheckError: ")
		}
		io.WriteString(w, "System check identified some issues:\n")
		io.WriteString(w, body.String())
		io.WriteString(w, "\n")
	}
	fmt.Fprintf(w, "System check identified %s (%d silenced).\n", count(len(msgs)), silenced)
	if serious {
		return fmt.Errorf("%w (%s)", ErrSystemCheck, count(len(msgs)))
	}
	return nil
}

// count is Django's "no issues" / "1 issue" / "N issues".
func count(n int) string {
	switch n {
	case 0:
		return "no issues"
	case 1:
		return "1 issue"
	}
	return fmt.Sprintf("%d issues", n)
}
