package framework_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework"
)

// part is one part of a multipart body: a field, or a file when filename
// is set.
type part struct {
	name, filename, ctype, body string
}

func multipartRequest(t *testing.T, env *framework.Env, parts ...part) *http.Request {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disp := fmt.Sprintf(`form-data; name=%q`, p.name)
		if p.filename != "" {
			disp += fmt.Sprintf(`; filename=%q`, p.filename)
		}
		h.Set("Content-Disposition", disp)
		if p.ctype != "" {
			h.Set("Content-Type", p.ctype)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/upload/", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if env == nil {
		env = &framework.Env{}
	}
	env.Logger = discardLogger()
	return r.WithContext(framework.WithEnv(r.Context(), env))
}

// TestView_uploadLimits: the limits of Django's upload settings answer 400
// before the view runs, multipart included.
func TestView_uploadLimits(t *testing.T) {
	big := strings.Repeat("x", 12<<20)
	tests := []struct {
		name  string
		env   framework.Env
		parts []part
		want  int
	}{
		{"a 12 MiB field over the default 2.5 MiB", framework.Env{}, []part{{name: "f", body: big}}, 400},
		{"a 12 MiB file is not form data", framework.Env{}, []part{{name: "f", filename: "big.bin", body: big}}, 200},
		{"fields and their names add up", framework.Env{MaxBodyBytes: 10}, []part{{name: "a", body: "123"}, {name: "b", body: "12"}}, 400},
		{"at the limit", framework.Env{MaxBodyBytes: 11}, []part{{name: "a", body: "123"}, {name: "b", body: "12"}}, 200},
		{"no limit", framework.Env{MaxBodyBytes: -1}, []part{{name: "f", body: big}}, 200},
		{"too many fields", framework.Env{MaxNumberFields: 2}, []part{{name: "a"}, {name: "b"}, {name: "c"}}, 400},
		{"files are not fields", framework.Env{MaxNumberFields: 1}, []part{{name: "a"}, {name: "f", filename: "a.txt"}, {name: "g", filename: "b.txt"}}, 200},
		{"too many files", framework.Env{MaxNumberFiles: 1}, []part{{name: "f", filename: "a.txt"}, {name: "g", filename: "b.txt"}}, 400},
		{"no file limit", framework.Env{MaxNumberFiles: -1}, []part{{name: "f", filename: "a.txt"}, {name: "g", filename: "b.txt"}}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			view := framework.View(func(req *framework.Request) *framework.Response {
				called = true
				return framework.Text("ok")
			})
			w := serve(view, multipartRequest(t, &tt.env, tt.parts...))
			if w.Code != tt.want || called != (tt.want == 200) {
				t.Errorf("got status %d (view called: %v), want %d", w.Code, called, tt.want)
			}
		})
	}
}

func TestRequest_tooManyFields(t *testing.T) {
	many := strings.TrimSuffix(strings.Repeat("a=1&", 1001), "&")
	tests := []struct {
		name, target, body string
		limit              int
		want               error
	}{
		{"query at the default limit", "/?" + strings.TrimSuffix(strings.Repeat("a=1&", 1000), "&"), "", 0, nil},
		{"query over the default limit", "/?" + many, "", 0, framework.ErrTooManyFields},
		{"query without a limit", "/?" + many, "", -1, nil},
		{"form over the limit", "/", "a=1&b=2&c=3", 2, framework.ErrTooManyFields},
		{"form at the limit", "/", "a=1&b=2", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", tt.target, strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{MaxNumberFields: tt.limit}))
			if err := framework.RequestFrom(r).Err(); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// TestRequest_FILES: small files stay in memory, large ones go to a
// temporary file that is gone once the view has returned.
func TestRequest_FILES(t *testing.T) {
	tmp := t.TempDir()
	env := &framework.Env{FileMaxMemory: 8, UploadTempDir: tmp}
	r := multipartRequest(t, env,
		part{name: "title", body: "notes"},
		part{name: "doc", filename: `C:\Users\ann\small.txt`, ctype: "text/plain; charset=utf-8", body: "tiny"},
		part{name: "doc", filename: "../../large.bin", ctype: "application/octet-stream", body: "0123456789abcdef"},
		part{name: "skipped", filename: "..", body: "x"},
	)
	var tempPath string
	view := framework.View(func(req *framework.Request) *framework.Response {
		if got := req.POST.Get("title"); got != "notes" {
			t.Errorf("POST title: got %q", got)
		}
		docs := req.FILES["doc"]
		if len(docs) != 2 || req.FILES.Get("skipped") != nil || req.FILES.Get("doc") != docs[0] {
			t.Fatalf("FILES: got %v", req.FILES)
		}
		small, large := docs[0], docs[1]
		checkFile(t, small, "small.txt", "text/plain", "utf-8", "tiny")
		checkFile(t, large, "large.bin", "application/octet-stream", "", "0123456789abcdef")
		if small.TemporaryFilePath() != "" {
			t.Errorf("small file: on disk at %s, want it in memory", small.TemporaryFilePath())
		}
		tempPath = large.TemporaryFilePath()
		if !strings.HasPrefix(tempPath, tmp) {
			t.Errorf("large file: got path %q, want one in FILE_UPLOAD_TEMP_DIR %s", tempPath, tmp)
		}
		return framework.Text("ok")
	})
	if w := serve(view, r); w.Code != 200 {
		t.Fatalf("got %d %s", w.Code, w.Body)
	}
	if _, err := os.Stat(tempPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file after the request: got %v, want it removed", err)
	}
}

func checkFile(t *testing.T, f *framework.UploadedFile, name, ctype, charset, content string) {
	t.Helper()
	if f.Name != name || f.ContentType != ctype || f.Charset != charset || f.Size != int64(len(content)) {
		t.Errorf("got %s (charset %q), want %s (%s, charset %q), %d bytes", f, f.Charset, name, ctype, charset, len(content))
	}
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if b, _ := io.ReadAll(rc); string(b) != content {
		t.Errorf("%s: got content %q, want %q", name, b, content)
	}
}

// TestRequestFrom_uploadCleanup: a plain handler's temporary files are
// removed when its request ends, as a view's are.
func TestRequestFrom_uploadCleanup(t *testing.T) {
	tmp := t.TempDir()
	var tempPath string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{FileMaxMemory: -1, UploadTempDir: tmp}))
		tempPath = framework.RequestFrom(r).FILES.Get("f").TemporaryFilePath()
		io.WriteString(w, "ok")
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	r := multipartRequest(t, nil, part{name: "f", filename: "a.txt", body: "on disk"})
	req, _ := http.NewRequest("POST", srv.URL, r.Body)
	req.Header = r.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if tempPath == "" {
		t.Fatal("FILE_UPLOAD_MAX_MEMORY_SIZE < 0: the file was not written to disk")
	}
	srv.Close() // waits for the handler; the request context is then done
	// The clean-up runs in its own goroutine once the context is done.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err = os.Stat(tempPath); errors.Is(err, os.ErrNotExist) {
			return
		}
	}
	t.Errorf("temporary file after the request: got %v, want it removed", err)
}

// TestPostForm_keepsFiles: a middleware that reads the form first (the
// CSRF check) leaves the view its FILES, from the same parse.
func TestPostForm_keepsFiles(t *testing.T) {
	var seen string
	view := framework.View(func(req *framework.Request) *framework.Response {
		f := req.FILES.Get("doc")
		if f == nil {
			return framework.Text("no file")
		}
		seen = f.TemporaryFilePath()
		return framework.Text(req.POST.Get("title") + " " + f.Name)
	})
	readsFirst := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		form, err := framework.PostForm(w, r)
		if err != nil || form.Get("title") != "notes" {
			t.Errorf("PostForm: got %v, %v", form, err)
		}
		view.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), struct{}{}, 1))) // a copy, as middleware make
	})
	env := &framework.Env{FileMaxMemory: -1, UploadTempDir: t.TempDir()}
	r := multipartRequest(t, env, part{name: "title", body: "notes"}, part{name: "doc", filename: "a.txt", body: "x"})
	w := httptest.NewRecorder()
	readsFirst.ServeHTTP(w, r)
	if got := w.Body.String(); got != "notes a.txt" {
		t.Errorf("got %q, want the field and the file", got)
	}
	if _, err := os.Stat(seen); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file after the view: got %v, want it removed", err)
	}
}
