package interop

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/signing"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/sitetest"
	"github.com/manouche-go/manouche/framework/urls"
)

// appLabel is the INSTALLED_APPS label of the test app: the views of the
// Django site's views.py, under the same paths.
const appLabel = "interop.testsite"

// dummyCache is the CACHES backend of the manouche site: Django's
// DummyCache (framework/cache/dummy), which stores nothing. The manouche
// site runs cached_db with it for the reason the Django site does (spec
// §6.3): each side's cache would otherwise serve a copy older than the
// other's write.
const dummyCache = "dummy"

func init() { apps.Register(testApp{}) }

// testApp serves the views of testdata/djangosite/views.py.
type testApp struct{}

func (testApp) Label() string { return appLabel }

func (testApp) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Include("/s",
		urls.Path("/state/", state, "state"),
		urls.Path("/set/", post(setValues), "set"),
		urls.Path("/incr/", post(incr), "incr"),
		urls.Path("/flush/", post(func(req *framework.Request) error { return req.Session.Flush() }), "flush"),
		urls.Path("/cycle/", post(func(req *framework.Request) error { return req.Session.CycleKey() }), "cycle"),
		urls.Path("/expiry/", post(expiry), "expiry"),
	)}
}

// state answers {"key", "expiry_age", "data"} as views.py does. The data
// is written by the session's own JSON encoder, which keeps 1.0 a float.
func state(req *framework.Request) *framework.Response {
	s := req.Session
	data, err := signing.MarshalJSON(s.Map()) // loads first, as views.py does
	if err != nil {
		return framework.ServerError(req, err)
	}
	var key any
	if k := s.Key(); k != "" {
		key = k
	}
	return framework.JSON(map[string]any{"key": key, "expiry_age": s.ExpiryAge(), "data": json.RawMessage(data)})
}

// post makes change a POST-only view answering the state afterwards.
func post(change func(req *framework.Request) error) framework.View {
	return func(req *framework.Request) *framework.Response {
		if req.Method != http.MethodPost {
			return framework.MethodNotAllowed(req, http.MethodPost)
		}
		if err := change(req); err != nil {
			return framework.ServerError(req, err)
		}
		return state(req)
	}
}

// setValues stores every entry of the JSON object in the body.
func setValues(req *framework.Request) error {
	body, err := io.ReadAll(req.HTTP.Body)
	if err != nil {
		return err
	}
	d, err := signing.UnmarshalDict(body)
	if err != nil {
		return err
	}
	for k, v := range d.All() {
		if err := req.Session.Set(k, v); err != nil {
			return err
		}
	}
	return nil
}

// incr adds 1 to the integer under ?name= (0 when absent).
func incr(req *framework.Request) error {
	name := req.GET.Get("name")
	n, _ := req.Session.GetInt(name)
	return req.Session.Set(name, n+1)
}

// expiry is set_expiry(?seconds=N).
func expiry(req *framework.Request) error {
	n, err := strconv.Atoi(req.GET.Get("seconds"))
	if err != nil {
		return err
	}
	return req.Session.SetExpiry(n)
}

// manoucheSite is a manouche site served in the test process.
type manoucheSite struct {
	srv *sitetest.Server
}

func (m *manoucheSite) close() { m.srv.Close() }

// manoucheSide returns the manouche site of engine signing with key and
// accepting fallbacks, on the engine's shared storage, starting it on
// first use.
func manoucheSide(t testing.TB, engine, key string, fallbacks ...string) side {
	t.Helper()
	st := storageFor(t, engine)
	id := strings.Join(append([]string{engine, key}, fallbacks...), "|")
	m, err := entry(sites, id).get(func() (*manoucheSite, error) {
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})).With("site", "manouche", "engine", engine)
		srv, err := sitetest.Start(siteSettings(st, key, fallbacks), site.Options{Logger: logger, Stdout: io.Discard, Stderr: io.Discard})
		if err != nil {
			return nil, err
		}
		return &manoucheSite{srv: srv}, nil
	})
	if err != nil {
		t.Fatalf("engine %s: manouche: %v", engine, err)
	}
	return side{name: "manouche", url: m.srv.URL}
}

// siteSettings are Django's defaults plus what the README asks for when
// sharing sessions with Django.
func siteSettings(st *storage, key string, fallbacks []string) *settings.Settings {
	s := settings.Default()
	s.SecretKey = key
	s.SecretKeyFallbacks = append([]string{}, fallbacks...)
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{sessions.Label, appLabel}
	s.Middleware = []string{sessions.MiddlewareName}
	s.Databases = map[string]settings.Database{"default": {Engine: "sqlite", Name: st.db}}
	s.Caches = map[string]settings.Cache{"default": {Backend: dummyCache}}
	s.UseTZ, s.TimeZone = true, "UTC"
	s.SessionEngine = st.engine
	s.SessionFilePath = st.files
	return s
}
