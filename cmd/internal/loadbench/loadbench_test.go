package loadbench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	_ "github.com/manouche-go/manouche/contrib/sessions"
	_ "github.com/manouche-go/manouche/examples/benchapp"
	"github.com/manouche-go/manouche/framework/settings"
)

func TestParseWrk(t *testing.T) {
	out := "Running 1s test @ http://127.0.0.1:1/plain\n" +
		"LOADTEST requests=1234 duration_us=1000000 status=2 socket=1 p99_us=3500\n"
	got, err := parseWrk(out)
	want := sample{requests: 1234, duration: time.Second, errors: 2, socket: 1, p99: 3500 * time.Microsecond}
	if err != nil || got != want {
		t.Errorf("parseWrk: got %+v, %v, want %+v", got, err, want)
	}
	if _, err := parseWrk("wrk: connection refused\n"); err == nil {
		t.Errorf("parseWrk(no result line): got nil error, want one")
	}
}

func TestTally(t *testing.T) {
	var a, b tally
	for _, p99 := range []time.Duration{3, 1, 2} {
		a.add(sample{requests: 100, duration: time.Second, p99: p99 * time.Millisecond, errors: 1})
	}
	b.add(sample{requests: 600, duration: time.Second})
	r := a.row("e", "/read", &b)
	if r.RPS != 100 || r.P99 != 2*time.Millisecond || r.Ratio != 100.0/600 || r.Errors != 3 {
		t.Errorf("row: got %+v, want 100 req/s, median p99 2ms, ratio 1/6, 3 errors", r)
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	WriteTable(&b, []Row{
		{Engine: "file", Endpoint: "/plain", RPS: 1000, P99: 1500 * time.Microsecond, Ratio: 0.97},
		{Engine: "file", Endpoint: "/read", RPS: 500, P99: 800 * time.Microsecond, Ratio: 0.5, Errors: 4},
		{Engine: "cache/redis", Skipped: "MANOUCHE_TEST_REDIS_URL is not set"},
	})
	for _, want := range []string{"0.97*", "1.50ms", "800µs", "0.50", "cache/redis              skipped: MANOUCHE_TEST_REDIS_URL is not set"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestEngine_writeSettings: every configuration's settings file loads and
// validates, with the engine and storage it names.
func TestEngine_writeSettings(t *testing.T) {
	o := &Options{RedisURL: "redis://127.0.0.1:6379/0", PostgresDSN: "postgres://u:pw@127.0.0.1:5432/test?sslmode=disable"}
	for _, e := range append([]engine{baseline}, engines...) {
		t.Run(e.name, func(t *testing.T) {
			path, err := e.writeSettings(t.TempDir(), o)
			if err != nil {
				t.Fatal(err)
			}
			s, err := settings.Load(path, nil)
			if err != nil {
				t.Fatalf("settings.Load: %v", err)
			}
			if e.session != "" && s.SessionEngine != e.session {
				t.Errorf("SESSION_ENGINE: got %q, want %q", s.SessionEngine, e.session)
			}
			if got := s.Caches["default"].Backend; got != e.cache {
				t.Errorf("CACHES default BACKEND: got %q, want %q", got, e.cache)
			}
			if got := s.Databases["default"]; got.Engine != e.db || (e.db == "postgres" && got.Password != "pw") {
				t.Errorf("DATABASES default: got engine %q, want %q", got.Engine, e.db)
			}
			if s.Debug || len(s.AllowedHosts) != 1 || s.AllowedHosts[0] != "127.0.0.1" {
				t.Errorf("got DEBUG %v, ALLOWED_HOSTS %v, want false, [127.0.0.1]", s.Debug, s.AllowedHosts)
			}
		})
	}
}

// TestServe serves the cache engine's configuration and answers /incr
// and /plain, then stops when its context ends.
func TestServe(t *testing.T) {
	e, _ := findEngine("cache/locmem")
	path, err := e.writeSettings(t.TempDir(), &Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, path, "127.0.0.1:0", "", pw, io.Discard); pw.Close() }()
	addr := make(chan string, 1)
	go readAddr(pr, addr)
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	for _, path := range []string{"/incr", "/plain"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := map[string]string{"/incr": "1", "/plain": "ok"}[path]; resp.StatusCode != 200 || string(body) != want {
			t.Errorf("GET %s: got %d %q, want 200 %q", path, resp.StatusCode, body, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: got %v, want nil", err)
	}
}

func TestPostgresSettings(t *testing.T) {
	got := postgresSettings("postgres://u@db.example:5433/app")
	for _, want := range []string{`NAME: "app"`, `HOST: "db.example"`, `PORT: "5433"`, `USER: "u"`} {
		if !strings.Contains(got, want) {
			t.Errorf("postgresSettings lacks %s:\n%s", want, got)
		}
	}
	if got := postgresSettings("host=127.0.0.1 dbname=test"); strings.Contains(got, "NAME") {
		t.Errorf("a key=value DSN: got %s, want URL only", got)
	}
}
