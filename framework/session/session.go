package session

import (
	"context"

	"github.com/manouche-go/manouche/framework/signing"
)

// Session is one request's session: Django's SessionBase. It is created
// by [New] without any I/O and reads its data from the store on first use.
//
// Every data access, read or write, marks the session accessed; writes
// mark it modified (see each method). The middleware reads [Session.Accessed],
// [Session.Modified] and [Session.IsEmpty] to decide whether to save and
// which cookie to send.
//
// A Session belongs to one request and is not safe for concurrent use by
// several goroutines, like Django's.
type Session struct {
	cfg *Config
	b   backend         // cfg's, chosen once by New
	ctx context.Context // the request's, for lazy loads and view-level I/O

	key  string
	data *signing.Dict // nil until loaded (Django's _session_cache)
	err  error         // first store error seen while loading

	// base is the data the store held when this request read or last
	// wrote it (based is false when it did neither), and changes what the
	// request changed since, in order: a conditional save compares base
	// and, on a conflict, replays changes onto the newer data.
	base    string
	based   bool
	changes []change
	first   [1]change // changes' first array: most requests change one key

	accessed bool
	modified bool
	warned   bool // an unreadable _session_expiry was logged
}

// New returns the session for key, as Django's SessionStore(session_key)
// does. It does no I/O: the data is read from cfg's backend on first use,
// with ctx. A key the backend could not have issued counts as no key: for
// a [Store], anything but 8 to 40 characters of [a-z0-9]; for a
// [CookieStore], anything but the characters of a signed value. A session
// without a key starts empty without asking the backend.
//
// ctx is kept for the methods views call, which take no context of their
// own (Get, Set, SetExpiry, Flush, CycleKey, ...): pass the request's
// context. A nil ctx means context.Background(); a nil cfg means an empty
// Config, whose sessions fail on the first I/O.
func New(ctx context.Context, cfg *Config, key string) *Session {
	if ctx == nil {
		ctx = context.Background()
	}
	if cfg == nil {
		cfg = &Config{}
	}
	b := cfg.backend()
	if !b.validKey(key) {
		key = ""
	}
	return &Session{cfg: cfg, b: b, ctx: ctx, key: key}
}

// Key returns the session key, or "" when the session has none (a new
// session, or one whose key was unknown, expired or flushed). It is
// Django's session_key. With a cookie engine the key is the cookie value.
func (s *Session) Key() string { return s.key }

// Accessed reports whether the session's data was read or written during
// the request (Django's accessed). The middleware then adds Vary: Cookie.
func (s *Session) Accessed() bool { return s.accessed }

// Modified reports whether the session's data was changed during the
// request (Django's modified). The middleware saves modified sessions.
func (s *Session) Modified() bool { return s.modified }

// MarkModified marks the session modified so that the middleware saves
// it, as Django's `request.session.modified = True` does. Use it after
// changing a value in place, such as appending to a slice held by the
// session.
//
// Concurrent requests merge by key only what they change through Set,
// Delete, Clear, Incr and the like: after MarkModified, a save that finds
// the record changed by another request writes every key this request
// holds as it holds it, keeping only the other keys of the other request.
func (s *Session) MarkModified() {
	s.modified = true
	s.record(change{op: opAll})
}

// IsEmpty reports whether the session has no key and no data (Django's
// is_empty). It never loads the data.
func (s *Session) IsEmpty() bool {
	return s.key == "" && (s.data == nil || s.data.Len() == 0)
}

// Err returns the first error the backend returned while loading the
// session, or nil. After such an error the session reads as empty but keeps
// its key, and [Session.Save] and [Session.CycleKey] refuse to run, so a
// transient failure never overwrites stored data with an empty session.
// The middleware answers 500 when Err is not nil.
func (s *Session) Err() error { return s.err }

// Load reads the session's data from the backend now, unless it was
// already read, and returns the load error if there was one (see
// [Session.Err]). It is Django's load, cached. Load does not mark the
// session accessed; loading is otherwise implicit on first use.
func (s *Session) Load(ctx context.Context) error {
	if s.data == nil {
		s.data = s.load(ctx)
	}
	return s.err
}

// dict returns the session data, loading it with the request's context
// on first use, and marks the session accessed (Django's _get_session).
func (s *Session) dict() *signing.Dict {
	s.accessed = true
	if s.data == nil {
		s.data = s.load(s.ctx)
	}
	return s.data
}

// load reads and decodes the data of the current key (Django's load). An
// unknown, expired or timed-out key is dropped, never adopted; corrupted
// data reads as empty with the key kept; a backend error is remembered in
// s.err.
func (s *Session) load(ctx context.Context) *signing.Dict {
	if s.key == "" {
		return signing.NewDict()
	}
	d := s.b.load(ctx, s)
	if s.err != nil || s.key == "" {
		return d
	}
	return s.checkTimeouts(ctx, d)
}

func (s *Session) setErr(err error) {
	if s.err == nil {
		s.err = err
	}
}

// Unavailable returns a session that holds nothing and refuses every change
// with err, which [Session.Err] also returns. It is what a request gets when
// no session middleware is installed, so that a view fails with a clear
// error instead of dereferencing a nil session.
func Unavailable(ctx context.Context, err error) *Session {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Session{cfg: &Config{}, b: &brokenBackend{err}, ctx: ctx, data: signing.NewDict(), err: err}
}
