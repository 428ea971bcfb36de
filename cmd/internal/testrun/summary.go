package testrun

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// event is one line of `go test -json` (test2json's TestEvent, with the
// build events of Go 1.24).
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string
}

// Summary turns `go test -json` into go test's usual output and counts
// the skipped tests by the reason they gave.
type Summary struct {
	out     io.Writer
	pending map[string][]string // output of running tests, by package and test
	skips   map[string]int      // reason → skipped tests
	Tests   map[string]int      // action → tests ("pass", "fail", "skip")
}

// NewSummary writes go test's usual output to out.
func NewSummary(out io.Writer) *Summary {
	return &Summary{out: out, pending: map[string][]string{}, skips: map[string]int{}, Tests: map[string]int{}}
}

// Read consumes a `go test -json` stream; lines that are not JSON are
// printed as they are.
func (s *Summary) Read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			fmt.Fprintln(s.out, sc.Text())
			continue
		}
		s.event(e)
	}
	return sc.Err()
}

func (s *Summary) event(e event) {
	key := e.Package + "\x00" + e.Test
	switch {
	case e.Action == "build-output":
		io.WriteString(s.out, e.Output)
	case e.Test == "" && e.Action == "output":
		if !quietLine(e.Output) {
			io.WriteString(s.out, e.Output)
		}
	case e.Test == "":
	case e.Action == "output":
		s.pending[key] = append(s.pending[key], e.Output)
	case e.Action == "fail":
		s.Tests["fail"]++
		for _, line := range s.pending[key] {
			if !quietLine(line) {
				io.WriteString(s.out, line)
			}
		}
		delete(s.pending, key)
	case e.Action == "skip":
		s.Tests["skip"]++
		s.skips[skipReason(s.pending[key])]++
		delete(s.pending, key)
	case e.Action == "pass":
		s.Tests["pass"]++
		delete(s.pending, key)
	}
}

// quietLine reports whether go test would not print line without -v.
func quietLine(line string) bool {
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "PASS\n", "--- PASS", "--- SKIP"} {
		if strings.HasPrefix(strings.TrimLeft(line, " "), p) {
			return true
		}
	}
	return false
}

// location is the "file_test.go:42: " t.Log puts before a message.
var location = regexp.MustCompile(`^\s*[\w./-]+\.go:\d+: `)

// skipReason is the message a test skipped with: the last line it wrote
// before "--- SKIP", without its location.
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || quietLine(lines[i]) {
			continue
		}
		if loc := location.FindString(lines[i]); loc != "" {
			return strings.TrimSpace(lines[i][len(loc):])
		}
		return l
	}
	return "(no reason given)"
}

// WriteSkips writes one line per reason tests skipped for, most skipped
// first: the reasons say what would run them.
func (s *Summary) WriteSkips(w io.Writer) {
	if len(s.skips) == 0 {
		fmt.Fprintf(w, "testrun: %d tests passed, %d failed, none skipped\n", s.Tests["pass"], s.Tests["fail"])
		return
	}
	reasons := make([]string, 0, len(s.skips))
	for r := range s.skips {
		reasons = append(reasons, r)
	}
	slices.SortFunc(reasons, func(a, b string) int {
		if d := s.skips[b] - s.skips[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	fmt.Fprintf(w, "testrun: %d tests passed, %d failed, %d skipped:\n", s.Tests["pass"], s.Tests["fail"], s.Tests["skip"])
	for _, r := range reasons {
		fmt.Fprintf(w, "  %4d skipped: %s\n", s.skips[r], r)
	}
}
