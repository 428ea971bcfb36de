package messages

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
)

// vectorsDir holds the golden vectors produced by real Django 3.2.
const vectorsDir = "../../../shared/spec/vectors"

type vecMessage struct {
	Level     int     `json:"level"`
	Message   string  `json:"message"`
	ExtraTags *string `json:"extra_tags"`
	IsSafe    bool    `json:"is_safe"`
	LevelTag  string  `json:"level_tag"`
}

func (v vecMessage) message() messages.Message {
	m := messages.Message{Level: messages.Level(v.Level), Text: v.Message, Safe: v.IsSafe}
	if v.ExtraTags != nil {
		m.ExtraTags = *v.ExtraTags
	}
	return m
}

type msgVector struct {
	Kind, Name      string
	Settings        map[string]any `json:"settings"`
	Input           json.RawMessage
	Serialized      string       `json:"serialized"`
	Compressed      bool         `json:"compressed"`
	CookieValue     string       `json:"cookie_value"`
	CookieHeader    string       `json:"cookie_header_value"`
	SetCookieHeader string       `json:"set_cookie_header"`
	Decoded         []vecMessage `json:"decoded"`
	DecodedInOrder  []vecMessage `json:"decoded_in_order"`
	AllRetrieved    bool         `json:"all_retrieved"`
	Unstored        []vecMessage `json:"unstored"`
	NeedLibz        bool         `json:"exact_bytes_need_libz"`
	SessionValue    string       `json:"session_value"`
	SessionData     string       `json:"session_data"`
	CookieJSON      string       `json:"cookie_json"`
	SessionJSON     string       `json:"session_json"`
	InCookie        int          `json:"messages_in_cookie"`
	InSession       int          `json:"messages_in_session"`
	RequestCookie   *string      `json:"request_cookie_header"`
	SetCookie       []string     `json:"set_cookie"`
	Vary            *string      `json:"vary"`
	DBRows          []struct {
		Decoded map[string]string `json:"decoded"`
	} `json:"db_rows_after"`
}

type msgFile struct {
	SecretKey      string      `json:"secret_key"`
	FrozenTime     int64       `json:"frozen_time"`
	MaxCookieSize  int         `json:"max_cookie_size"`
	Vectors        []msgVector `json:"vectors"`
	DecodeOnly     []msgVector `json:"decode_only"`
	DecodeFailures []msgVector `json:"decode_failures"`
}

func readMessageVectors(t *testing.T) msgFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorsDir, "messages.json"))
	if err != nil {
		t.Fatalf("golden vectors missing (%s): %v", vectorsDir, err)
	}
	var f msgFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("messages.json: %v", err)
	}
	return f
}

func (v msgVector) inputs(t *testing.T) []vecMessage {
	t.Helper()
	var in []vecMessage
	if err := json.Unmarshal(v.Input, &in); err != nil {
		var one vecMessage
		if err := json.Unmarshal(v.Input, &one); err != nil {
			t.Fatalf("input: %v", err)
		}
		in = []vecMessage{one}
	}
	return in
}

// frozenOptions are the options Django's vectors were made with.
func frozenOptions(f msgFile, storage string) Options {
	return Options{
		Storage:   storage,
		SecretKey: f.SecretKey,
		Cookie:    framework.Cookie{HttpOnly: true, SameSite: "Lax"},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now:       func() time.Time { return time.Unix(f.FrozenTime, 0) },
	}
}

func testMiddleware(t *testing.T, o Options) *middleware {
	t.Helper()
	mw, err := Middleware(o)
	if err != nil {
		t.Fatal(err)
	}
	return mw(nil).(*handler).m
}

// sameMessages compares messages with the vectors'; the level tag only
// when the messages were read through the storage, which sets it.
func sameMessages(got []messages.Message, want []vecMessage) bool {
	if len(got) != len(want) {
		return false
	}
	for i, w := range want {
		m, g := w.message(), got[i]
		if g.LevelTag != "" {
			m.LevelTag = w.LevelTag
		}
		if g != m {
			return false
		}
	}
	return true
}

func TestVectors_encoder(t *testing.T) {
	n := 0
	for _, v := range readMessageVectors(t).Vectors {
		if v.Kind != "encoder" {
			continue
		}
		n++
		t.Run(v.Name, func(t *testing.T) {
			var msgs []messages.Message
			sentinel := false
			var raw []json.RawMessage
			if json.Unmarshal(v.Input, &raw) != nil {
				raw = []json.RawMessage{v.Input}
			}
			for _, r := range raw {
				var m vecMessage
				if json.Unmarshal(r, &m) != nil {
					sentinel = true
					continue
				}
				msgs = append(msgs, m.message())
			}
			cookie, sess := appendList(nil, msgs, sentinel, compact), appendList(nil, msgs, sentinel, pythonSep)
			if len(raw) == 1 && !sentinel { // a single message, not a list
				cookie, sess = appendMessage(nil, msgs[0], compact), appendMessage(nil, msgs[0], pythonSep)
			}
			if string(cookie) != v.CookieJSON {
				t.Errorf("cookie JSON: got %s, want %s", cookie, v.CookieJSON)
			}
			if string(sess) != v.SessionJSON {
				t.Errorf("session JSON: got %s, want %s", sess, v.SessionJSON)
			}
		})
	}
	if n != 8 {
		t.Errorf("encoder vectors: got %d, want 8", n)
	}
}

// TestVectors_cookie adds each vector's messages to a cookie storage at
// Django's frozen time: an uncompressed cookie must be Django's byte for
// byte; a compressed one must sign exactly Django's JSON (Go's zlib bytes
// differ from libz's, see the vectors' README). Django's cookie must read
// back as its messages.
func TestVectors_cookie(t *testing.T) {
	f := readMessageVectors(t)
	n := 0
	for _, v := range f.Vectors {
		if v.Kind != "cookie" {
			continue
		}
		n++
		t.Run(v.Name, func(t *testing.T) { checkCookieVector(t, f, v) })
	}
	if n != 11 {
		t.Errorf("cookie vectors: got %d, want 11", n)
	}
}

func checkCookieVector(t *testing.T, f msgFile, v msgVector) {
	o := frozenOptions(f, Cookie)
	applyMessageSettings(&o, v.Settings)
	m := testMiddleware(t, o)
	st := &storage{m: m, r: httptest.NewRequest("GET", "/", nil)}
	for _, in := range v.inputs(t) {
		st.Add(messages.Level(in.Level), in.Message, deref(in.ExtraTags), in.IsSafe)
	}
	h := http.Header{}
	st.StartResponse(h)
	got := h.Get("Set-Cookie")
	if !v.NeedLibz && got != v.SetCookieHeader {
		t.Errorf("Set-Cookie:\n got %s\nwant %s", got, v.SetCookieHeader)
	}
	value := cookieValue(t, got)
	payload, err := m.cookie.codec.ser.LoadBytes(value, signing.NoMaxAge, time.Time{})
	if err != nil {
		t.Fatalf("our cookie does not verify: %v", err)
	}
	if len(v.Unstored) == 0 && string(payload) != v.Serialized {
		t.Errorf("signed JSON:\n got %s\nwant %s", payload, v.Serialized)
	}
	if len(v.Unstored) > 0 {
		checkOverflow(t, m, st, payload, value, true)
	}
	msgs, more, ok := m.cookie.codec.decode(v.CookieValue)
	if !ok || !sameMessages(msgs, v.Decoded) || more == v.AllRetrieved {
		t.Errorf("Django's cookie: got %+v (more %v, ok %v), want %+v", msgs, more, ok, v.Decoded)
	}
}

// checkOverflow checks the size limit where Django's split point cannot be
// compared (it depends on libz's compressed size): the cookie is at most
// MaxCookieSize, ends with the sentinel, and holds the newest messages
// (removeOldest) or the oldest, as many as fit: one more would not.
func checkOverflow(t *testing.T, m *middleware, st *storage, payload []byte, value string, removeOldest bool) {
	t.Helper()
	all := st.queued
	kept, more, err := decodeList(payload)
	if err != nil || !more {
		t.Fatalf("overflowing cookie: got %s (%v), want messages and the sentinel", payload, err)
	}
	if len(value) > MaxCookieSize {
		t.Errorf("cookie value: got %d bytes, want at most %d", len(value), MaxCookieSize)
	}
	want, bigger := all[:len(kept)], all[:min(len(kept)+1, len(all))]
	if removeOldest {
		want, bigger = all[len(all)-len(kept):], all[max(len(all)-len(kept)-1, 0):]
	}
	if !slices.Equal(kept, want) {
		t.Errorf("cookie: got %d messages that are not the %s ones", len(kept), map[bool]string{true: "newest", false: "oldest"}[removeOldest])
	}
	if len(kept) > 0 && len(bigger) > len(kept) && len(m.cookie.codec.encode(bigger, true)) <= MaxCookieSize {
		t.Errorf("cookie: %d messages kept, but %d would fit", len(kept), len(bigger))
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func cookieValue(t *testing.T, setCookie string) string {
	t.Helper()
	r := http.Request{Header: http.Header{"Cookie": {setCookie}}}
	v, ok := framework.CookieValue(&r, CookieName)
	if !ok {
		t.Fatalf("no messages cookie in %q", setCookie)
	}
	return v
}

func applyMessageSettings(o *Options, s map[string]any) {
	for k, v := range s {
		switch k {
		case "MESSAGE_LEVEL":
			o.Level = messages.Level(v.(float64))
		case "SESSION_COOKIE_DOMAIN":
			o.Cookie.Domain = v.(string)
		case "SESSION_COOKIE_SECURE":
			o.Cookie.Secure = v.(bool)
		case "SESSION_COOKIE_HTTPONLY":
			o.Cookie.HttpOnly = v.(bool)
		case "SESSION_COOKIE_SAMESITE":
			o.Cookie.SameSite = v.(string)
		case "MESSAGE_STORAGE":
			o.Storage = map[string]string{
				"django.contrib.messages.storage.cookie.CookieStorage":   Cookie,
				"django.contrib.messages.storage.session.SessionStorage": Session,
			}[v.(string)]
		}
	}
}

// TestVectors_fallback overflows the default storage: the oldest messages
// stay in the cookie, which ends with the sentinel, the newest go to the
// session, and reading gives them all in order.
func TestVectors_fallback(t *testing.T) {
	f := readMessageVectors(t)
	for _, v := range f.Vectors {
		if v.Kind != "fallback" {
			continue
		}
		m := testMiddleware(t, frozenOptions(f, Fallback))
		s := newTestSession(t)
		st := &storage{m: m, r: withSession(httptest.NewRequest("GET", "/", nil), s)}
		for _, in := range v.inputs(t) {
			st.Add(messages.Level(in.Level), in.Message, deref(in.ExtraTags), in.IsSafe)
		}
		h := http.Header{}
		queued := slices.Clone(st.queued)
		st.StartResponse(h)
		value := cookieValue(t, h.Get("Set-Cookie"))
		payload, err := m.cookie.codec.ser.LoadBytes(value, signing.NoMaxAge, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		st.queued = queued
		checkOverflow(t, m, st, payload, value, false)
		inCookie, _, _ := decodeList(payload)
		t.Logf("cookie holds %d messages, Django's %d (compression differs); the session the other %d",
			len(inCookie), v.InCookie, len(queued)-len(inCookie))
		if got, _ := s.GetString(SessionKey); got != string(appendList(nil, queued[len(inCookie):], false, pythonSep)) {
			t.Errorf("session _messages: got %.200s, want the rest in Django's session format", got)
		}
		// Django's own cookie and session read back in order.
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Cookie", CookieName+"="+v.CookieValue)
		s2 := newTestSession(t)
		if err := s2.Set(SessionKey, v.SessionValue); err != nil {
			t.Fatal(err)
		}
		st2 := &storage{m: m, r: withSession(r, s2)}
		if got := slices.Collect(st2.All()); !sameMessages(got, v.DecodedInOrder) {
			t.Errorf("reading Django's storage: got %d messages, want %d in order", len(got), len(v.DecodedInOrder))
		}
	}
}

func TestVectors_session(t *testing.T) {
	f := readMessageVectors(t)
	codec, err := session.NewCodec(f.SecretKey, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range f.Vectors {
		if v.Kind != "session" {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			var msgs []messages.Message
			for _, in := range v.inputs(t) {
				msgs = append(msgs, in.message())
			}
			if got := string(appendList(nil, msgs, false, pythonSep)); got != v.SessionValue {
				t.Errorf("_messages:\n got %s\nwant %s", got, v.SessionValue)
			}
			d := codec.Decode(v.SessionData)
			raw, _ := d.Get(SessionKey)
			got, _, err := decodeList([]byte(raw.(string)))
			if err != nil || !sameMessages(got, v.Decoded) {
				t.Errorf("Django's session: got %+v (%v), want %+v", got, err, v.Decoded)
			}
		})
	}
}

// TestVectors_decodeOnly reads the cookies of Django 3.1 and earlier and
// SHA-1-signed ones, as Django 3.2 does, from the Cookie header a browser
// sends back.
func TestVectors_decodeOnly(t *testing.T) {
	f := readMessageVectors(t)
	m := testMiddleware(t, frozenOptions(f, Cookie))
	for _, v := range f.DecodeOnly {
		t.Run(v.Name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Cookie", CookieName+"="+v.CookieHeader)
			msgs, _, found, bad := m.cookie.get(r)
			if !found || bad || !sameMessages(msgs, v.Decoded) {
				t.Errorf("got %+v (found %v, bad %v), want %+v", msgs, found, bad, v.Decoded)
			}
		})
	}
}

// TestVectors_decodeFailures checks that a bad cookie gives no messages,
// no error, and, shown by cookie storage, the deletion Django sends.
func TestVectors_decodeFailures(t *testing.T) {
	f := readMessageVectors(t)
	m := testMiddleware(t, frozenOptions(f, Cookie))
	for _, v := range f.DecodeFailures {
		t.Run(v.Name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Cookie", CookieName+"="+v.CookieValue)
			st := &storage{m: m, r: r}
			if got := slices.Collect(st.All()); len(got) != 0 {
				t.Errorf("messages: got %+v, want none", got)
			}
			h := http.Header{}
			st.StartResponse(h)
			if got := h.Values("Set-Cookie"); !slices.Equal(got, v.SetCookie) {
				t.Errorf("Set-Cookie: got %q, want %q", got, v.SetCookie)
			}
		})
	}
}

// TestVectors_http plays the vectors' requests through the middleware.
func TestVectors_http(t *testing.T) {
	f := readMessageVectors(t)
	views := map[string]func(req *framework.Request){
		"http_add":                          func(req *framework.Request) { messages.Success(req, "Saved.") },
		"http_consume":                      func(req *framework.Request) { drain(req) },
		"http_not_consumed":                 func(req *framework.Request) {},
		"http_consume_and_add":              func(req *framework.Request) { drain(req); messages.Info(req, "Next one.") },
		"http_iterate_empty_fallback":       func(req *framework.Request) { drain(req) },
		"http_iterate_empty_cookie_storage": func(req *framework.Request) { drain(req) },
		"http_session_storage":              func(req *framework.Request) { messages.Info(req, "In the session.") },
	}
	for _, v := range f.Vectors {
		if v.Kind != "http" {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			o := frozenOptions(f, Fallback)
			applyMessageSettings(&o, v.Settings)
			mw, err := Middleware(o)
			if err != nil {
				t.Fatal(err)
			}
			s := newTestSession(t)
			r := httptest.NewRequest("GET", "/", nil)
			if v.RequestCookie != nil {
				r.Header.Set("Cookie", *v.RequestCookie)
			}
			w := httptest.NewRecorder()
			view := framework.View(func(req *framework.Request) *framework.Response { views[v.Name](req); return framework.Text("ok") })
			mw(view).ServeHTTP(w, withSession(r, s))
			var want []string
			for _, c := range v.SetCookie {
				if c[:len(CookieName)+1] == CookieName+"=" {
					want = append(want, c)
				}
			}
			if got := w.Header().Values("Set-Cookie"); !slices.Equal(got, want) {
				t.Errorf("Set-Cookie: got %q, want %q", got, want)
			}
			for _, row := range v.DBRows {
				if got, _ := s.GetString(SessionKey); got != row.Decoded[SessionKey] {
					t.Errorf("session _messages: got %q, want %q", got, row.Decoded[SessionKey])
				}
			}
			if len(v.DBRows) == 0 && s.Accessed() {
				t.Error("session: accessed, want untouched")
			}
		})
	}
}

func drain(req *framework.Request) {
	for range messages.Get(req) {
	}
}

func withSession(r *http.Request, s *session.Session) *http.Request {
	return r.WithContext(session.NewContext(r.Context(), s))
}

// newTestSession returns an empty session over a store that keeps nothing.
func newTestSession(t *testing.T) *session.Session {
	t.Helper()
	codec, err := session.NewCodec("test-secret-key", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return session.New(context.Background(), &session.Config{Store: nopStore{}, Codec: codec}, "")
}

type nopStore struct{}

func (nopStore) Load(context.Context, string) (string, error)            { return "", session.ErrNotFound }
func (nopStore) Create(context.Context, string, string, time.Time) error { return nil }
func (nopStore) Save(context.Context, string, string, time.Time) error   { return nil }
func (nopStore) Delete(context.Context, string) error                    { return nil }
