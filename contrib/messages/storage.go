package messages

import (
	"iter"
	"net/http"

	"github.com/manouche-go/manouche/framework/messages"
)

// Storage backends, the values of MESSAGE_STORAGE.
const (
	Fallback = "fallback" // the cookie, then the session for what does not fit (the default)
	Cookie   = "cookie"   // a signed cookie only
	Session  = "session"  // the session only
)

// storage is one request's messages: Django's BaseStorage with its
// CookieStorage, SessionStorage or FallbackStorage. It implements
// messages.Storage.
type storage struct {
	m *middleware
	r *http.Request // the request as the middleware passed it on

	queued, loaded []messages.Message
	isLoaded       bool
	used, addedNew bool
	cookieHeld     bool // fallback: the cookie held messages
	sessionHeld    bool // fallback: the session held messages
	seq            iter.Seq[messages.Message]
}

var _ messages.Storage = (*storage)(nil)

// Add is Django's BaseStorage.add.
func (s *storage) Add(level messages.Level, text, extraTags string, safe bool) {
	if text == "" || level < s.m.o.Level {
		return
	}
	s.addedNew = true
	s.queued = append(s.queued, messages.Message{Level: level, Text: text, ExtraTags: extraTags, Safe: safe})
}

// All returns the messages as an iterator that marks them used when it
// runs (Django's __iter__): loaded ones first, then queued ones.
func (s *storage) All() iter.Seq[messages.Message] {
	if s.seq == nil {
		s.seq = s.iterate
	}
	return s.seq
}

func (s *storage) iterate(yield func(messages.Message) bool) {
	s.used = true
	s.load()
	s.loaded = append(s.loaded, s.queued...)
	s.queued = nil
	for _, m := range s.loaded {
		m.LevelTag = s.m.tags[m.Level]
		if !yield(m) {
			return
		}
	}
}

// load reads the stored messages once (Django's _loaded_messages).
func (s *storage) load() {
	if s.isLoaded {
		return
	}
	s.isLoaded = true
	switch s.m.o.Storage {
	case Session:
		s.loaded = sessionGet(s.r.Context())
	case Cookie:
		msgs, _, _, bad := s.m.cookie.get(s.r)
		s.loaded, s.used = msgs, s.used || bad // Django deletes a bad cookie
	default:
		s.loadFallback()
	}
}

// loadFallback is FallbackStorage._get: the cookie's messages, then, when
// the cookie says it did not hold them all, the session's.
func (s *storage) loadFallback() {
	msgs, all, found, _ := s.m.cookie.get(s.r)
	if !found {
		return
	}
	s.cookieHeld = len(msgs) > 0
	s.loaded = msgs
	if all {
		return
	}
	more := sessionGet(s.r.Context())
	s.sessionHeld = len(more) > 0
	s.loaded = append(s.loaded, more...)
}

// StartResponse stores the messages (Django's BaseStorage.update, run by
// the middleware when the response starts):
// after the messages were shown only those added since are stored; if
// they were not, new messages are stored with the old ones; otherwise
// nothing is touched.
func (s *storage) StartResponse(h http.Header) {
	var msgs []messages.Message
	switch {
	case s.used:
		msgs = s.queued
	case s.addedNew:
		s.load()
		msgs = append(append([]messages.Message(nil), s.loaded...), s.queued...)
	default:
		return
	}
	if lost := s.store(h, msgs); len(lost) > 0 {
		s.m.o.Logger.Warn("messages: messages did not fit in the cookie and were dropped",
			"dropped", len(lost), "storage", s.m.o.Storage)
	}
}

// store stores msgs in the configured backend; it returns what was lost.
func (s *storage) store(h http.Header, msgs []messages.Message) []messages.Message {
	switch s.m.o.Storage {
	case Cookie:
		return s.m.cookie.store(h, msgs, true)
	case Session:
		s.storeSession(msgs)
		return nil
	}
	if len(msgs) > 0 {
		msgs = s.m.cookie.store(h, msgs, false)
	} else if s.cookieHeld {
		s.m.cookie.store(h, nil, false)
	}
	if len(msgs) > 0 || s.sessionHeld {
		s.storeSession(msgs)
	}
	return nil
}

func (s *storage) storeSession(msgs []messages.Message) {
	if err := sessionStore(s.r.Context(), msgs); err != nil {
		s.m.o.Logger.Error("messages: store in the session", "err", err)
	}
}
