package framework

import (
	"bufio"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Frame is one call of a stack trace, as the DEBUG 500 page and the log
// show it.
type Frame struct {
	// Function is the function's full name,
	// "github.com/acme/site/polls.index".
	Function string
	// File and Line locate the call in the source.
	File string
	Line int
}

// String returns "function file:line".
func (f Frame) String() string {
	return f.Function + " " + f.File + ":" + strconv.Itoa(f.Line)
}

// Stack is a stack trace, innermost call first. As a log attribute it is
// a list of "function file:line" strings: an array in JSON, one quoted
// line in text, never a value with raw newlines.
type Stack []Frame

// LogValue implements slog.LogValuer.
func (s Stack) LogValue() slog.Value {
	lines := make([]string, len(s))
	for i, f := range s {
		lines[i] = f.String()
	}
	return slog.AnyValue(lines)
}

// maxFrames bounds a captured stack.
const maxFrames = 64

// callers returns the stack of its caller's caller: the function that
// called the function calling callers comes first.
func callers() Stack {
	pcs := make([]uintptr, maxFrames)
	return framesOf(pcs[:runtime.Callers(3, pcs)])
}

// panicStack returns, from a deferred function recovering a panic, the
// stack from the function that panicked: the frames of the deferred call
// and of runtime's panic machinery are dropped.
func panicStack() Stack {
	pcs := make([]uintptr, maxFrames)
	all := framesOf(pcs[:runtime.Callers(1, pcs)])
	for i, f := range all {
		if f.Function != "runtime.gopanic" {
			continue
		}
		rest := all[i+1:]
		for len(rest) > 1 && strings.HasPrefix(rest[0].Function, "runtime.") {
			rest = rest[1:] // runtime.panicmem, sigpanic, goPanicIndex, ...
		}
		return rest
	}
	return all
}

func framesOf(pcs []uintptr) Stack {
	var s Stack
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if f.Function != "" {
			s = append(s, Frame{Function: f.Function, File: f.File, Line: f.Line})
		}
		if !more {
			return s
		}
	}
}

// frameworkPackages are the packages, with their subpackages, whose frames
// the DEBUG page folds away, as Django folds its own: manouche's framework
// and contrib packages, and chi.
var frameworkPackages = []string{
	"github.com/manouche-go/manouche/framework",
	"github.com/manouche-go/manouche/contrib",
	"github.com/go-chi/chi",
}

// userFrame reports whether f is the site's own code: neither the standard
// library nor the framework.
func userFrame(f Frame) bool {
	pkg := packageOf(f.Function)
	first, _, _ := strings.Cut(pkg, "/")
	if pkg != "main" && !strings.Contains(first, ".") {
		return false // the standard library
	}
	for _, p := range frameworkPackages {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return false
		}
	}
	return true
}

// packageOf returns the import path of a function's full name:
// "net/http.HandlerFunc.ServeHTTP" is in "net/http".
func packageOf(function string) string {
	slash := strings.LastIndexByte(function, '/')
	if dot := strings.IndexByte(function[slash+1:], '.'); dot >= 0 {
		return function[:slash+1+dot]
	}
	return function
}

// sourceLine is one numbered line of source.
type sourceLine struct {
	N    int
	Text string
}

// contextLines is how many lines the DEBUG page shows before and after
// each frame's line (Django's context_lines).
const contextLines = 7

// sourceContext returns the lines around line in file, from a cache of
// file contents; ok is false when the file cannot be read.
func sourceContext(cache map[string][]string, file string, line int) (pre []sourceLine, cur sourceLine, post []sourceLine, ok bool) {
	lines, seen := cache[file]
	if !seen {
		lines = readLines(file)
		cache[file] = lines
	}
	if line < 1 || line > len(lines) {
		return nil, sourceLine{}, nil, false
	}
	for n := max(1, line-contextLines); n < line; n++ {
		pre = append(pre, sourceLine{n, lines[n-1]})
	}
	for n := line + 1; n < line+contextLines && n <= len(lines); n++ {
		post = append(post, sourceLine{n, lines[n-1]})
	}
	return pre, sourceLine{line, lines[line-1]}, post, true
}

// readLines reads a source file, or returns nil; files over 4 MiB are not
// read.
func readLines(file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() > 4<<20 {
		return nil
	}
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}
