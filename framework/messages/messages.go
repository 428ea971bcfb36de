package messages

import (
	"context"
	"errors"
	"html"
	"html/template"
	"iter"

	"github.com/manouche-go/manouche/framework"
)

// Level is a message's level (Django's message levels): a number, so that
// sites may add their own between the named ones.
type Level int

// The levels of django.contrib.messages.constants.
const (
	LevelDebug   Level = 10
	LevelInfo    Level = 20
	LevelSuccess Level = 25
	LevelWarning Level = 30
	LevelError   Level = 40
)

// DefaultTags returns Django's tag of each level: "debug", "info",
// "success", "warning" and "error". MESSAGE_TAGS adds to or replaces them.
// Each call returns a new map.
func DefaultTags() map[Level]string {
	return map[Level]string{LevelDebug: "debug", LevelInfo: "info", LevelSuccess: "success", LevelWarning: "warning", LevelError: "error"}
}

// Message is one message (Django's Message).
type Message struct {
	// Level is the message's level.
	Level Level
	// Text is the message (Django's message attribute).
	Text string
	// ExtraTags are the tags given when the message was added, separated
	// by spaces; "" for none.
	ExtraTags string
	// Safe marks Text as HTML to show as is (Django's mark_safe).
	Safe bool
	// LevelTag is the level's tag ("success"), from MESSAGE_TAGS and the
	// default tags; "" for a level without one. The storage fills it in
	// when the message is read.
	LevelTag string
}

// String returns the text, so that << . >> prints it (escaped, like any
// string in a template).
func (m Message) String() string { return m.Text }

// HTML returns the text for a template: as is when Safe, escaped
// otherwise.
func (m Message) HTML() template.HTML {
	if m.Safe {
		return template.HTML(m.Text) //nolint:gosec // marked safe by the view that added it
	}
	return template.HTML(html.EscapeString(m.Text)) //nolint:gosec // escaped
}

// Tags returns the extra tags and the level's tag, separated by a space
// (Django's tags): "alert success".
func (m Message) Tags() string {
	switch {
	case m.ExtraTags == "":
		return m.LevelTag
	case m.LevelTag == "":
		return m.ExtraTags
	}
	return m.ExtraTags + " " + m.LevelTag
}

// Storage is a request's messages, as the message middleware keeps them
// (Django's BaseStorage as views and templates use it).
type Storage interface {
	// Add queues a message for the response to store. It drops an empty
	// text, and a level below the storage's minimum (MESSAGE_LEVEL).
	Add(level Level, text, extraTags string, safe bool)
	// All returns the messages: those the request came with, then those
	// added since. Ranging over it marks them shown: the response stores
	// only messages added afterwards.
	All() iter.Seq[Message]
}

// StorageKey is the context key under which the message middleware stores
// a request's [Storage].
type StorageKey struct{}

// ErrNotInstalled is returned when a message is added to a request that
// went through no message middleware (Django's MessageFailure).
var ErrNotInstalled = errors.New("messages: the request has no message storage: add contrib.messages.MessageMiddleware to MIDDLEWARE")

// FromContext returns the storage the message middleware installed in ctx.
func FromContext(ctx context.Context) (Storage, bool) {
	s, ok := ctx.Value(StorageKey{}).(Storage)
	return s, ok
}

func storageOf(req *framework.Request) (Storage, bool) {
	if req == nil || req.HTTP == nil {
		return nil, false
	}
	return FromContext(req.HTTP.Context())
}

// Add adds a message to the request (Django's add_message): text at level,
// with extraTags ("" for none). It returns [ErrNotInstalled] without the
// message middleware.
func Add(req *framework.Request, level Level, text, extraTags string) error {
	s, ok := storageOf(req)
	if !ok {
		return ErrNotInstalled
	}
	s.Add(level, text, extraTags, false)
	return nil
}

// AddHTML is [Add] for a text that is HTML, shown as is (Django's
// add_message with mark_safe). Never pass it text a user wrote.
func AddHTML(req *framework.Request, level Level, html template.HTML, extraTags string) error {
	s, ok := storageOf(req)
	if !ok {
		return ErrNotInstalled
	}
	s.Add(level, string(html), extraTags, true)
	return nil
}

// Debug adds a message at LevelDebug, dropped at the default MESSAGE_LEVEL.
func Debug(req *framework.Request, text string) error { return Add(req, LevelDebug, text, "") }

// Info adds a message at LevelInfo.
func Info(req *framework.Request, text string) error { return Add(req, LevelInfo, text, "") }

// Success adds a message at LevelSuccess.
func Success(req *framework.Request, text string) error { return Add(req, LevelSuccess, text, "") }

// Warning adds a message at LevelWarning.
func Warning(req *framework.Request, text string) error { return Add(req, LevelWarning, text, "") }

// Error adds a message at LevelError.
func Error(req *framework.Request, text string) error { return Add(req, LevelError, text, "") }

// Get returns the request's messages (Django's get_messages), as
// [Storage.All]: ranging over them marks them shown. Without the message
// middleware there are none.
func Get(req *framework.Request) iter.Seq[Message] {
	if s, ok := storageOf(req); ok {
		return s.All()
	}
	return func(func(Message) bool) {}
}
