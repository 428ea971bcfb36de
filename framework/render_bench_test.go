package framework_test

import (
	"context"
	"io/fs"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
	"github.com/manouche-go/manouche/framework/templates"
)

// mapStore is a session.Store over a map, enough for a benchmark that
// only loads.
type mapStore map[string]string

func (m mapStore) Load(_ context.Context, key string) (string, error) {
	if d, ok := m[key]; ok {
		return d, nil
	}
	return "", session.ErrNotFound
}
func (m mapStore) Create(context.Context, string, string, time.Time) error { return nil }
func (m mapStore) Save(context.Context, string, string, time.Time) error   { return nil }
func (m mapStore) Delete(context.Context, string) error                    { return nil }

// BenchmarkRender_sessionGreeting renders the sessiondemo page's core,
// `<< .Request.Session.greeting >>`, for a request whose session is loaded
// and decoded from a store each time, as a real request's is.
func BenchmarkRender_sessionGreeting(b *testing.B) {
	page := fstest.MapFS{"session.html": {Data: []byte(`<p>Session Value: << .Request.Session.greeting >></p>`)}}
	engine, err := templates.New(templates.Options{FS: []fs.FS{page}})
	if err != nil {
		b.Fatal(err)
	}
	codec, err := session.NewCodec("render-bench-secret-0123456789-abcdefghijklmnop", nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	const key = "abcdefgh12345678abcdefgh12345678"
	d := signing.NewDict()
	d.Set("greeting", "Hello, Django Sessions!")
	data, err := codec.Encode(d, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	cfg := &session.Config{Store: mapStore{key: data}, Codec: codec}
	env := &framework.Env{Templates: engine}
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("GET", "/session/", nil)
		ctx := session.NewContext(framework.WithEnv(r.Context(), env), session.New(r.Context(), cfg, key))
		resp := framework.Render(framework.RequestFrom(r.WithContext(ctx)), "session.html", nil)
		if resp.Status != 200 || len(resp.Body) < 40 {
			b.Fatalf("got %d %q", resp.Status, resp.Body)
		}
	}
}
