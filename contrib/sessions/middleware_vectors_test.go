package sessions

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/manouche-go/manouche/contrib/sessions/cookiestore"
	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
)

// middlewareVector is one row of vectors/middleware.json: what real Django
// 3.2 answered for a request cookie state and a view's action.
type middlewareVector struct {
	Name           string         `json:"name"`
	Settings       map[string]any `json:"settings"`
	SessionEngine  string         `json:"session_engine"`
	RequestCookie  *string        `json:"request_cookie"`
	ResponseStatus int            `json:"response_status"`
	SetCookie      []string       `json:"set_cookie"`
	Vary           *string        `json:"vary"`
	DBRowsAfter    []sessionRow   `json:"db_rows_after"`
}

type sessionRow struct {
	SessionKey    string `json:"session_key"`
	SessionData   string `json:"session_data"`
	ExpireDateRaw string `json:"expire_date_raw"`
}

// vectorCase says what the vector's view did and which rows existed before
// the request; the vectors record only the outcome.
type vectorCase struct {
	before []sessionRow
	view   func(t *testing.T, s *session.Session, st session.Store) int
}

const (
	mw1         = "00000000000000000000000000000mw1"
	helloData   = "eyJoZWxsbyI6IndvcmxkIn0:1r31eq:jC5bKVuyYf5lP7aFjN1XqGzzcZhEf-lyEt_kB-nqAWc"
	expiredData = "eyJoZWxsbyI6IndvcmxkIiwiX3Nlc3Npb25fZXhwaXJ5IjotMTB9:1r31eq:JObMFEk19PwFcHPZE3t5op5_Gxq6naamc-UGvwhXlck"
)

var (
	helloRow   = sessionRow{mw1, helloData, "2023-11-28 22:13:20"}
	expiredRow = sessionRow{mw1, expiredData, "2023-11-14 22:13:10"}
)

func set(k string, v any) func(*testing.T, *session.Session, session.Store) int {
	return func(t *testing.T, s *session.Session, _ session.Store) int {
		if err := s.Set(k, v); err != nil {
			t.Fatalf("Set(%q): %v", k, err)
		}
		return http.StatusOK
	}
}

func status(code int, view func(*testing.T, *session.Session, session.Store) int) func(*testing.T, *session.Session, session.Store) int {
	return func(t *testing.T, s *session.Session, st session.Store) int { view(t, s, st); return code }
}

func expiry(v any) func(*testing.T, *session.Session, session.Store) int {
	return func(t *testing.T, s *session.Session, st session.Store) int {
		set("hello", "world")(t, s, st)
		if err := s.SetExpiry(v); err != nil {
			t.Fatalf("SetExpiry(%v): %v", v, err)
		}
		return http.StatusOK
	}
}

func nothing(*testing.T, *session.Session, session.Store) int { return http.StatusOK }

func read(_ *testing.T, s *session.Session, _ session.Store) int {
	s.Get("hello")
	return http.StatusOK
}

func flush(t *testing.T, s *session.Session, _ session.Store) int {
	if err := s.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	return http.StatusOK
}

// interrupt saves a new session, deletes its record behind the session's
// back (a concurrent logout), then modifies it.
func interrupt(t *testing.T, s *session.Session, st session.Store) int {
	set("hello", "world")(t, s, st)
	if err := s.Save(context.Background()); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if err := st.Delete(context.Background(), s.Key()); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	set("x", 1)(t, s, st)
	return http.StatusOK
}

var vectorCases = map[string]vectorCase{
	"set_value_new_session":                         {view: set("hello", "world")},
	"no_touch":                                      {view: nothing},
	"read_only_no_cookie":                           {view: read},
	"read_only_existing":                            {before: []sessionRow{helloRow}, view: read},
	"modify_existing":                               {before: []sessionRow{helloRow}, view: set("x", 1)},
	"unknown_cookie_key":                            {view: set("hello", "world")},
	"short_cookie_key":                              {view: set("hello", "world")},
	"expired_cookie_read_only":                      {before: []sessionRow{expiredRow}, view: read},
	"unknown_cookie_read_only":                      {view: read},
	"expired_cookie_write":                          {before: []sessionRow{expiredRow}, view: set("hello", "world")},
	"flush_with_cookie":                             {before: []sessionRow{helloRow}, view: flush},
	"flush_without_cookie":                          {view: flush},
	"flush_with_unknown_cookie":                     {view: flush},
	"emptied_but_not_flushed":                       {before: []sessionRow{helloRow}, view: func(_ *testing.T, s *session.Session, _ session.Store) int { s.Delete("hello"); return 200 }},
	"status_500":                                    {view: status(500, set("hello", "world"))},
	"status_503_django_3_2":                         {view: status(503, set("hello", "world"))},
	"status_404":                                    {view: status(404, set("hello", "world"))},
	"save_every_request":                            {before: []sessionRow{helloRow}, view: nothing},
	"save_every_request_no_session":                 {view: nothing},
	"save_every_request_unknown_cookie":             {view: nothing},
	"expire_at_browser_close":                       {view: set("hello", "world")},
	"set_expiry_0":                                  {view: expiry(0)},
	"set_expiry_3600":                               {view: expiry(3600)},
	"set_expiry_0_with_global_browser_close_false":  {view: expiry(0)},
	"set_expiry_int_with_global_browser_close_true": {view: expiry(60)},
	"custom_cookie_attributes":                      {view: set("hello", "world")},
	"samesite_none":                                 {view: set("hello", "world")},
	"samesite_disabled":                             {view: set("hello", "world")},
	"delete_custom_domain_path":                     {before: []sessionRow{helloRow}, view: flush},
	"delete_samesite_none":                          {before: []sessionRow{helloRow}, view: flush},
	"delete_secure_prefix_name":                     {before: []sessionRow{helloRow}, view: flush},
	"signed_cookies_set":                            {view: set("hello", "world")},
	"signed_cookies_flush":                          {view: flush},
	"signed_cookies_expired_read":                   {view: read},
	"short_cookie_no_touch":                         {view: nothing},
	"unknown_cookie_no_touch":                       {view: nothing},
	"update_error_session_interrupted":              {view: interrupt},
}

// TestMiddleware_djangoVectors runs every scenario of vectors/middleware.json
// through Middleware and compares Set-Cookie, Vary, the status and the
// django_session rows byte for byte with what Django 3.2 produced.
func TestMiddleware_djangoVectors(t *testing.T) {
	file := loadMiddlewareVectors(t)
	for _, v := range file.Vectors {
		c, ok := vectorCases[v.Name]
		if !ok {
			t.Errorf("vector %s has no case in vectorCases", v.Name)
			continue
		}
		if v.Name == "status_503_django_3_2" {
			// Django >= 4.2 (and manouche) skip saving on every 5xx; 3.2
			// saved this 503. We follow 4.2+, as the issue asks.
			v.SetCookie, v.DBRowsAfter = nil, nil
		}
		t.Run(v.Name, func(t *testing.T) { runMiddlewareVector(t, file.SecretKey, v, c) })
	}
}

func runMiddlewareVector(t *testing.T, secret string, v middlewareVector, c vectorCase) {
	s := settings.Default()
	s.SecretKey = secret
	applyVectorSettings(t, s, v.Settings)
	o, store, db := vectorMiddlewareOptions(t, s, v.SessionEngine, len(c.before))
	for _, r := range c.before {
		if err := db.Exec(`INSERT INTO django_session VALUES (?, ?, ?)`, r.SessionKey, r.SessionData, r.ExpireDateRaw).Error; err != nil {
			t.Fatal(err)
		}
	}
	h := Middleware(o)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := session.FromContext(r.Context())
		w.WriteHeader(c.view(t, sess, store))
	}))
	req := httptest.NewRequest("GET", "/", nil)
	if v.RequestCookie != nil {
		req.Header.Set("Cookie", o.Cookie.Name+"="+*v.RequestCookie)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	if rec.Code != v.ResponseStatus {
		t.Errorf("status: got %d, want %d", rec.Code, v.ResponseStatus)
	}
	if got := rec.Result().Header.Values("Set-Cookie"); !slices.Equal(got, v.SetCookie) && (len(got) > 0 || len(v.SetCookie) > 0) {
		t.Errorf("Set-Cookie:\n got %q\nwant %q", got, v.SetCookie)
	}
	wantVary := ""
	if v.Vary != nil {
		wantVary = *v.Vary
	}
	if got := rec.Header().Get("Vary"); got != wantVary {
		t.Errorf("Vary: got %q, want %q", got, wantVary)
	}
	if got := dumpRows(t, db); !slices.Equal(got, v.DBRowsAfter) && (len(got) > 0 || len(v.DBRowsAfter) > 0) {
		t.Errorf("django_session rows:\n got %+v\nwant %+v", got, v.DBRowsAfter)
	}
}

// vectorMiddlewareOptions builds the middleware as the vectors ran it:
// time frozen at 1700000000 and keys from Django's deterministic generator
// (…mw1, …mw2), continuing after the rows that existed before the request.
func vectorMiddlewareOptions(t *testing.T, s *settings.Settings, engine string, used int) (MiddlewareOptions, session.Store, *gorm.DB) {
	t.Helper()
	db := openVectorDB(t)
	codec, err := session.NewCodec(s.SecretKey, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	frozen := time.Unix(1700000000, 0).UTC()
	n := used
	cfg := &session.Config{
		Codec:                codec,
		CookieAge:            session.CookieAgeSetting(s.SessionCookieAge),
		ExpireAtBrowserClose: s.SessionExpireAtBrowserClose,
		Now:                  func() time.Time { return frozen },
		NewKey:               func() string { n++; return fmt.Sprintf("%029dmw%d", 0, n) },
	}
	var store session.Store
	if engine == "django.contrib.sessions.backends.signed_cookies" {
		cs, err := cookiestore.New(cookiestore.Options{Key: s.SecretKey, CookieAge: cfg.CookieAge})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Cookie = cs
	} else {
		store = dbstore.New(db, dbstore.Options{Now: cfg.Now})
		cfg.Store = store
	}
	return MiddlewareOptions{
		Config:           cfg,
		Cookie:           cookieFromSettings(s),
		SaveEveryRequest: s.SessionSaveEveryRequest,
		Engine:           engine,
		Logger:           slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, store, db
}

func applyVectorSettings(t *testing.T, s *settings.Settings, overrides map[string]any) {
	t.Helper()
	for k, v := range overrides {
		switch k {
		case "SESSION_SAVE_EVERY_REQUEST":
			s.SessionSaveEveryRequest = v.(bool)
		case "SESSION_EXPIRE_AT_BROWSER_CLOSE":
			s.SessionExpireAtBrowserClose = v.(bool)
		case "SESSION_COOKIE_NAME":
			s.SessionCookieName = v.(string)
		case "SESSION_COOKIE_DOMAIN":
			s.SessionCookieDomain = v.(string)
		case "SESSION_COOKIE_PATH":
			s.SessionCookiePath = v.(string)
		case "SESSION_COOKIE_SECURE":
			s.SessionCookieSecure = v.(bool)
		case "SESSION_COOKIE_HTTPONLY":
			s.SessionCookieHTTPOnly = v.(bool)
		case "SESSION_COOKIE_SAMESITE":
			s.SessionCookieSameSite, _ = v.(string) // false → "" (omitted)
		case "SESSION_COOKIE_AGE":
			s.SessionCookieAge = int(v.(float64))
		case "SESSION_ENGINE":
		default:
			t.Fatalf("vector setting %s is not handled by the test", k)
		}
	}
}

func openVectorDB(t *testing.T) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(sqlite.Open(filepath.Join(t.TempDir(), "db.sqlite3")), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := dbstore.CreateTable(db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return db
}

func dumpRows(t *testing.T, db *gorm.DB) []sessionRow {
	t.Helper()
	var rows []sessionRow
	err := db.Raw(`SELECT session_key, session_data, CAST(expire_date AS TEXT) AS expire_date_raw FROM django_session ORDER BY session_key`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

type middlewareVectorFile struct {
	SecretKey string             `json:"secret_key"`
	Vectors   []middlewareVector `json:"vectors"`
}

func loadMiddlewareVectors(t *testing.T) middlewareVectorFile {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "spec", "vectors", "middleware.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Django's golden vectors are required (shared/ beside the checkout): %v", err)
	}
	var f middlewareVectorFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) == 0 {
		t.Fatal("middleware.json holds no vectors")
	}
	return f
}
