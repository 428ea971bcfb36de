package testrun

import (
	"strings"
	"testing"
)

// stream is a `go test -json` run: a pass, a failure with a message, two
// skips for one reason and one for another, a build failure, a package
// without tests.
const stream = `{"Action":"start","Package":"a"}
{"Action":"run","Package":"a","Test":"TestOK"}
{"Action":"output","Package":"a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"output","Package":"a","Test":"TestOK","Output":"--- PASS: TestOK (0.00s)\n"}
{"Action":"pass","Package":"a","Test":"TestOK"}
{"Action":"output","Package":"a","Test":"TestBad","Output":"=== RUN   TestBad\n"}
{"Action":"output","Package":"a","Test":"TestBad","Output":"    a_test.go:9: got 1, want 2\n"}
{"Action":"output","Package":"a","Test":"TestBad","Output":"--- FAIL: TestBad (0.00s)\n"}
{"Action":"fail","Package":"a","Test":"TestBad"}
{"Action":"output","Package":"a","Test":"TestPG/postgres","Output":"=== RUN   TestPG/postgres\n"}
{"Action":"output","Package":"a","Test":"TestPG/postgres","Output":"    servers_test.go:37: set MANOUCHE_TEST_POSTGRES_DSN to run against a real server\n"}
{"Action":"output","Package":"a","Test":"TestPG/postgres","Output":"--- SKIP: TestPG/postgres (0.00s)\n"}
{"Action":"skip","Package":"a","Test":"TestPG/postgres"}
{"Action":"output","Package":"a","Test":"TestPG2","Output":"    other_test.go:12: set MANOUCHE_TEST_POSTGRES_DSN to run against a real server\n"}
{"Action":"skip","Package":"a","Test":"TestPG2"}
{"Action":"output","Package":"a","Test":"TestDjango","Output":"    main_test.go:78: install python3-django (Debian) to run the Django interop tests\n"}
{"Action":"skip","Package":"a","Test":"TestDjango"}
{"Action":"output","Package":"a","Output":"FAIL\n"}
{"Action":"output","Package":"a","Output":"FAIL\ta\t0.01s\n"}
{"Action":"fail","Package":"a"}
{"ImportPath":"b","Action":"build-output","Output":"# b\n"}
{"ImportPath":"b","Action":"build-output","Output":"b/b.go:3:1: syntax error\n"}
{"ImportPath":"b","Action":"build-fail"}
{"Action":"output","Package":"c","Output":"?   \tc\t[no test files]\n"}
{"Action":"skip","Package":"c"}
not json
`

func TestSummary(t *testing.T) {
	var out strings.Builder
	s := NewSummary(&out)
	if err := s.Read(strings.NewReader(stream)); err != nil {
		t.Fatal(err)
	}
	want := "    a_test.go:9: got 1, want 2\n--- FAIL: TestBad (0.00s)\nFAIL\nFAIL\ta\t0.01s\n# b\nb/b.go:3:1: syntax error\n?   \tc\t[no test files]\nnot json\n"
	if out.String() != want {
		t.Errorf("output:\ngot  %q\nwant %q", out.String(), want)
	}
	out.Reset()
	s.WriteSkips(&out)
	want = "testrun: 1 tests passed, 1 failed, 3 skipped:\n" +
		"     2 skipped: set MANOUCHE_TEST_POSTGRES_DSN to run against a real server\n" +
		"     1 skipped: install python3-django (Debian) to run the Django interop tests\n"
	if out.String() != want {
		t.Errorf("skips:\ngot  %q\nwant %q", out.String(), want)
	}
}

func TestSkipReason(t *testing.T) {
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"=== RUN   T\n", "    x_test.go:3: why\n", "--- SKIP: T (0.00s)\n"}, "why"},
		{[]string{"    sub/x_test.go:3: line one\n", "    more\n"}, "more"},
		{nil, "(no reason given)"},
	}
	for _, tt := range tests {
		if got := skipReason(tt.lines); got != tt.want {
			t.Errorf("skipReason(%q): got %q, want %q", tt.lines, got, tt.want)
		}
	}
}
