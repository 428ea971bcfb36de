package filestore

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
)

const secret = "django-insecure-test-vector-key"

func newCodec(t testing.TB) *session.Codec {
	t.Helper()
	c, err := session.NewCodec(secret, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newStore(t testing.TB, o Options) *Store {
	t.Helper()
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	if o.Codec == nil {
		o.Codec = newCodec(t)
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T) session.Store { return newStore(t, Options{}) })
}

// listing returns the names in dir, sorted.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

const key = "abcdefghijklmnopqrstuvwxyz012345"

func TestHostileKeysNeverTouchTheFileSystem(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "sessions")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// A file a traversal key could reach, with an old date so that an
	// expiry check would delete it.
	victim := filepath.Join(parent, "victim")
	os.WriteFile(victim, []byte("keep me"), 0o600)
	old := time.Now().Add(-365 * 24 * time.Hour)
	os.Chtimes(victim, old, old)
	s := newStore(t, Options{Dir: dir, Prefix: "sessionid"})
	for _, k := range []string{
		"../../etc/passwd", "../victim", "/../victim", "a/b", `a\b`, "..", ".", "",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "ABCDEFGH", "abc def", "abc\x00def", "abc.def",
		"abc_out_def", "é" + key, strings.Repeat("a", maxKeyLen+1),
	} {
		t.Run(k, func(t *testing.T) {
			ctx, exp := t.Context(), time.Now().Add(time.Hour)
			if _, err := s.Load(ctx, k); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("Load: got %v, want ErrNotFound", err)
			}
			if err := s.Save(ctx, k, "x", exp); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("Save: got %v, want ErrNotFound", err)
			}
			if err := s.Create(ctx, k, "x", exp); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("Create: got %v, want ErrInvalidKey", err)
			}
			if err := s.Delete(ctx, k); err != nil {
				t.Errorf("Delete: got %v, want nil", err)
			}
			if ok, err := s.Exists(ctx, k); ok || err != nil {
				t.Errorf("Exists: got %v, %v, want false, nil", ok, err)
			}
			if got := listing(t, dir); len(got) != 0 {
				t.Errorf("got files %q in the session directory, want none", got)
			}
			if got := listing(t, parent); !slices.Equal(got, []string{"sessions", "victim"}) {
				t.Errorf("got %q in the parent directory, want [sessions victim]", got)
			}
		})
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("got victim contents %q, want them untouched", b)
	}
}

func TestFileFormat(t *testing.T) {
	ex := storageExample(t)
	dir := t.TempDir()
	s := newStore(t, Options{Dir: dir})
	exp := time.Now().Add(time.Hour)
	if err := s.Create(t.Context(), ex.Key, ex.Contents, exp); err != nil {
		t.Fatal(err)
	}
	if got := listing(t, dir); !slices.Equal(got, []string{ex.FileName}) {
		t.Fatalf("got files %q, want exactly Django's %q", got, ex.FileName)
	}
	path := filepath.Join(dir, ex.FileName)
	b, _ := os.ReadFile(path)
	if string(b) != ex.Contents {
		t.Errorf("got contents %q, want %q (no trailing newline)", b, ex.Contents)
	}
	fi, _ := os.Stat(path)
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("got mode %v, want 0600", fi.Mode().Perm())
	}
	wantMtime := exp.Add(-session.DefaultCookieAge)
	if d := fi.ModTime().Sub(wantMtime).Abs(); d > time.Second {
		t.Errorf("got mtime %v, want expiry minus SESSION_COOKIE_AGE %v", fi.ModTime(), wantMtime)
	}
	d := newCodec(t).Decode(string(b))
	if v, _ := d.Get("cat"); v != "dog" {
		t.Errorf("got decoded cat=%v, want dog", v)
	}
	if err := s.Save(t.Context(), ex.Key, "saved", exp); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("after Save: got mode %v, want 0600", fi.Mode().Perm())
	}
}

type fileExample struct {
	Key      string `json:"session_key"`
	FileName string `json:"file_name"`
	Contents string `json:"contents"`
}

func storageExample(t *testing.T) fileExample {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "..", "..", "shared", "spec", "vectors", "storage.json"))
	if err != nil {
		t.Fatalf("reading the vectors: %v", err)
	}
	var v struct {
		Example fileExample `json:"file_backend_example"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v.Example
}

func TestReadsDjangoFile(t *testing.T) {
	ex := storageExample(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ex.FileName), []byte(ex.Contents), 0o600)
	s := newStore(t, Options{Dir: dir})
	got, err := s.Load(t.Context(), ex.Key)
	if err != nil || got != ex.Contents {
		t.Errorf("got %q, %v, want %q, nil", got, err, ex.Contents)
	}
}

func TestPrefix(t *testing.T) {
	dir := t.TempDir()
	s := newStore(t, Options{Dir: dir, Prefix: "mysession"})
	s.Create(t.Context(), key, "d", time.Now().Add(time.Hour))
	if got := listing(t, dir); !slices.Equal(got, []string{"mysession" + key}) {
		t.Errorf("got %q, want [mysession%s]", got, key)
	}
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	tests := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{"missing directory", Options{Dir: filepath.Join(dir, "nope")}, filepath.Join(dir, "nope")},
		{"a file", Options{Dir: file}, file},
		{"prefix with a slash", Options{Dir: dir, Prefix: "a/b"}, "SESSION_COOKIE_NAME"},
		{"prefix with dot-dot", Options{Dir: dir, Prefix: ".."}, "SESSION_COOKIE_NAME"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %v, want an error naming %q", err, tt.wantErr)
			}
		})
	}
	s, err := New(Options{})
	if err != nil || s.dir != os.TempDir() || s.prefix != "sessionid" || s.age != session.DefaultCookieAge {
		t.Errorf("zero Options: got %+v, %v, want the temp dir, sessionid and two weeks", s, err)
	}
}

func TestNoLeftoverTempFiles(t *testing.T) {
	dir := t.TempDir()
	s := newStore(t, Options{Dir: dir})
	exp := time.Now().Add(time.Hour)
	s.Create(t.Context(), key, "v", exp)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				if err := s.Save(t.Context(), key, strings.Repeat(string(rune('a'+g)), 1000+i), exp); err != nil {
					t.Errorf("Save: got %v, want nil", err)
				}
			}
		})
	}
	wg.Wait()
	s.Create(t.Context(), key, "collision", exp)
	s.Save(t.Context(), "missing00000000000000000000000000", "x", exp)
	if got := listing(t, dir); !slices.Equal(got, []string{"sessionid" + key}) {
		t.Errorf("got files %q, want only the session file", got)
	}
}

// TestSaveIf_twoStores runs SaveIfs from two stores over one directory,
// as two processes: exactly the expected number win, and no lock or
// temporary file is left.
func TestSaveIf_twoStores(t *testing.T) {
	dir := t.TempDir()
	a, b := newStore(t, Options{Dir: dir}), newStore(t, Options{Dir: dir})
	exp := time.Now().Add(time.Hour)
	if err := a.Create(t.Context(), key, "0", exp); err != nil {
		t.Fatal(err)
	}
	// Each goroutine adds one to the number in the file, retrying on
	// conflicts: the end value counts every success.
	var wg sync.WaitGroup
	for g := range 8 {
		s := []*Store{a, b}[g%2]
		wg.Go(func() {
			for range 10 {
				for {
					old, err := s.Load(t.Context(), key)
					if err != nil {
						t.Errorf("Load: %v", err)
						return
					}
					n, _ := strconv.Atoi(old)
					err = s.SaveIf(t.Context(), key, old, strconv.Itoa(n+1), exp)
					if err == nil {
						break
					}
					if !errors.Is(err, session.ErrConflict) {
						t.Errorf("SaveIf: got %v, want nil or ErrConflict", err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if got, _ := a.Load(t.Context(), key); got != "80" {
		t.Errorf("got %q after 80 increments, want 80", got)
	}
	if got := listing(t, dir); !slices.Equal(got, []string{"sessionid" + key}) {
		t.Errorf("got files %q, want only the session file", got)
	}
}

func TestErrorsDoNotLeakKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sessions")
	os.Mkdir(dir, 0o700)
	s := newStore(t, Options{Dir: dir})
	os.Remove(dir) // every write now fails with a path error
	exp := time.Now().Add(time.Hour)
	errs := map[string]error{
		"Create":       s.Create(t.Context(), key, "d", exp),
		"ClearExpired": s.ClearExpired(t.Context()),
	}
	os.Mkdir(dir, 0o700)
	os.Mkdir(filepath.Join(dir, "sessionid"+key), 0o700) // a directory where the file should be
	errs["Load"] = func() error { _, err := s.Load(t.Context(), key); return err }()
	errs["Save"] = s.Save(t.Context(), key, "d", exp)
	for name, err := range errs {
		t.Logf("%s: %v", name, err)
		if err == nil || errors.Is(err, session.ErrNotFound) || strings.Contains(err.Error(), key) || !strings.HasPrefix(err.Error(), "filestore: ") {
			t.Errorf("%s: got %v, want a filestore error without the key", name, err)
		}
	}
}
