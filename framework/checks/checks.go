package checks

import (
	"fmt"
	"sync"

	"github.com/manouche-go/manouche/framework/settings"
)

// Level is the severity of a [Message] (Django's CheckMessage.level). The
// values are Django's, so levels compare and sort as they do there.
type Level int

// The levels of Django's django.core.checks.
const (
	Debug    Level = 10
	Info     Level = 20
	Warning  Level = 30
	Error    Level = 40
	Critical Level = 50
)

// String returns the upper-case name of the level ("WARNING"), or
// "LEVEL(n)" for a value between the named ones.
func (l Level) String() string {
	switch l {
	case Debug:
		return "DEBUG"
	case Info:
		return "INFO"
	case Warning:
		return "WARNING"
	case Error:
		return "ERROR"
	case Critical:
		return "CRITICAL"
	}
	return fmt.Sprintf("LEVEL(%d)", int(l))
}

// Message is one finding of a check (Django's CheckMessage).
type Message struct {
	// ID identifies the check, "app.Lnnn" as in Django: "sessions.E001",
	// "security.W009". It may be empty.
	ID string
	// Level is the severity.
	Level Level
	// Text says what is wrong (Django's msg).
	Text string
	// Hint, if not empty, says how to fix it.
	Hint string
	// Obj names the object the message is about (Django's obj), such as a
	// middleware name. Empty means the whole site and prints as "?".
	Obj string
}

// IsSerious reports whether m is an error or worse (Django's is_serious):
// serious messages make the check command fail.
func (m Message) IsSerious() bool { return m.Level >= Error }

// String returns [Format](m).
func (m Message) String() string { return Format(m) }

// Check inspects a site's settings and returns what it finds, or nil (a
// Django check function registered with @register).
type Check func(s *settings.Settings) []Message

// checkList is a list of checks filled in init.
type checkList struct {
	mu     sync.Mutex
	checks []Check
}

// add appends c; fn names the registering function in the panic on nil.
func (r *checkList) add(fn string, c Check) {
	if c == nil {
		panic("checks: " + fn + " of nil Check")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks = append(r.checks, c)
}

// all returns the checks, then extra.
func (r *checkList) all(extra ...Check) []Check {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append(append([]Check(nil), r.checks...), extra...)
}

// registry holds the checks of [Register].
var registry checkList

// Register adds c to the checks [Run] runs (Django's checks.register). It
// is meant to be called from init; registered checks run in registration
// order. Register panics if c is nil.
func Register(c Check) { registry.add("Register", c) }

// Run runs every registered check, then each of extra (the checks of the
// installed apps), against s and returns all messages in that order
// (Django's run_checks). Nil entries of extra are skipped.
func Run(s *settings.Settings, extra ...Check) []Message {
	all := registry.all(extra...)
	var msgs []Message
	for _, c := range all {
		if c != nil {
			msgs = append(msgs, c(s)...)
		}
	}
	return msgs
}

// HasErrors reports whether any message is serious (level Error or
// Critical), the condition on which Django's check command fails.
func HasErrors(msgs []Message) bool {
	for _, m := range msgs {
		if m.IsSerious() {
			return true
		}
	}
	return false
}
