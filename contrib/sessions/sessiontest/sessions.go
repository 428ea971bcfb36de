package sessiontest

import (
	"reflect"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// RunSessions runs the session-level half of the suite: Django's
// SessionTestsMixin through the public API of [session.Session], against
// the configurations newConfig returns. It covers every engine, including
// those whose cookie is the data ([session.CookieStore]), which [Run]
// cannot reach.
//
// newConfig is called once per subtest, with that subtest's t, and must
// return a fresh, complete configuration (Store and Codec, or Cookie) as
// the site would build it. RunSessions replaces the config's Now with a
// clock frozen when the subtest starts (read from the config's own Now,
// or time.Now), which some cases move; it changes nothing else but
// ExpireAtBrowserClose in the case about that policy.
//
// The engine's declared abilities decide which cases run: a config with
// Cookie set is a cookie engine, and the cases that need a server-side
// record (revoking a key, a store that fails, a key that was never
// created) are skipped for it with Django's stated reason, as Django's
// CookieSessionTests opts out of test_save and test_cycle. The
// concurrency cases, for stores that merge concurrent requests
// ([session.ConditionalSaver]; skipped with a message for the others),
// make 200 pairs of requests collide and 100 requests increment one key.
// A run takes about a second per engine: no case sleeps.
func RunSessions(t *testing.T, newConfig func(t *testing.T) *session.Config) {
	t.Helper()
	for _, g := range []struct {
		name  string
		cases []sessionCase
	}{
		{"Data", dataCases},
		{"Lifecycle", lifecycleCases},
		{"Keys", keyCases},
		{"Expiry", sessionExpiryCases},
		{"Failures", failureCases},
		{"Concurrency", concurrentCases},
	} {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) { c.runWith(t, newConfig(t)) })
			}
		})
	}
}

// kind is the declared ability a case needs.
type kind int

const (
	anyEngine    kind = iota
	storeEngine       // Config.Store: records kept on the server by key
	cookieEngine      // Config.Cookie: the cookie is the data
)

func (k kind) String() string {
	if k == cookieEngine {
		return "cookie engine"
	}
	return "store engine"
}

// sessionCase is one behaviour of Django's SessionTestsMixin. A case for
// one kind of engine says why it does not apply to the other.
type sessionCase struct {
	name   string
	only   kind
	reason string
	run    func(t *testing.T, h *harness)
}

func (c sessionCase) runWith(t *testing.T, cfg *session.Config) {
	t.Helper()
	if cfg == nil || (cfg.Store == nil) == (cfg.Cookie == nil) {
		t.Fatalf("newConfig: got a config with Store and Cookie both set or both nil, want exactly one")
	}
	h := newHarness(cfg)
	if c.only != anyEngine && c.only != h.kind {
		t.Skipf("not for a %s: %s", h.kind, c.reason)
	}
	c.run(t, h)
}

// harness is one subtest's configuration and its movable clock.
type harness struct {
	cfg    *session.Config
	kind   kind
	base   time.Time
	offset time.Duration // added to base by cfg.Now
}

func newHarness(cfg *session.Config) *harness {
	h := &harness{cfg: cfg, kind: storeEngine, base: time.Now()}
	if cfg.Now != nil {
		h.base = cfg.Now()
	}
	if cfg.Cookie != nil {
		h.kind = cookieEngine
	}
	cfg.Now = func() time.Time { return h.base.Add(h.offset) }
	return h
}

// cookieAge is SESSION_COOKIE_AGE in whole seconds, as ExpiryAge reports it.
func (h *harness) cookieAge() int {
	if h.cfg.CookieAge <= 0 {
		return int(session.DefaultCookieAge / time.Second)
	}
	return int(h.cfg.CookieAge / time.Second)
}

// open returns the session of key, as the middleware builds it.
func (h *harness) open(t *testing.T, key string) *session.Session {
	return session.New(t.Context(), h.cfg, key)
}

// saved stores a new session holding values, set in order, and returns
// its key.
func (h *harness) saved(t *testing.T, values ...kv) string {
	t.Helper()
	s := h.open(t, "")
	for _, v := range values {
		mustSet(t, s, v.k, v.v)
	}
	mustSaveSession(t, s)
	return s.Key()
}

// kv is one session entry.
type kv struct {
	k string
	v any
}

func mustSet(t *testing.T, s *session.Session, k string, v any) {
	t.Helper()
	if err := s.Set(k, v); err != nil {
		t.Fatalf("Set(%q): got error %v, want nil", k, err)
	}
}

func mustSaveSession(t *testing.T, s *session.Session) {
	t.Helper()
	if err := s.Save(t.Context()); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
	if s.Key() == "" {
		t.Fatalf("Save: got no key, want one")
	}
}

func mustSetExpiry(t *testing.T, s *session.Session, v any) {
	t.Helper()
	if err := s.SetExpiry(v); err != nil {
		t.Fatalf("SetExpiry(%v): got error %v, want nil", v, err)
	}
}

// wantValue checks that k holds want, compared deeply.
func wantValue(t *testing.T, s *session.Session, k string, want any) {
	t.Helper()
	got, ok := s.Get(k)
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("Get(%q): got %#v, %v, want %#v, true", k, got, ok, want)
	}
}

// wantAbsent checks that k is not in the session.
func wantAbsent(t *testing.T, s *session.Session, k string) {
	t.Helper()
	if got, ok := s.Get(k); ok {
		t.Errorf("Get(%q): got %#v, true, want absent", k, got)
	}
}

// wantEmptyLoad checks that key loads as an empty session without error.
func wantEmptyLoad(t *testing.T, h *harness, key string) *session.Session {
	t.Helper()
	s := h.open(t, key)
	if n := s.Len(); n != 0 {
		t.Errorf("Len after loading: got %d, want 0 (keys %q)", n, s.Keys())
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err after loading: got %v, want nil", err)
	}
	return s
}

// wantKeyDropped checks that loading key gave an empty session whose key
// was dropped, never adopted.
func wantKeyDropped(t *testing.T, h *harness, key string) {
	t.Helper()
	if s := wantEmptyLoad(t, h, key); s.Key() != "" {
		t.Errorf("Key after loading a key without record: got %s, want \"\"", abbrev(s.Key()))
	}
}
