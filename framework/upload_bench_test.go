package framework_test

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// BenchmarkParseMultipart parses a form of three fields and one 64 KiB
// file with Django's limits (framework) and with net/http's
// ParseMultipartForm, which the framework used before it enforced them.
func BenchmarkParseMultipart(b *testing.B) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range []string{"title", "author", "notes"} {
		mw.WriteField(f, strings.Repeat("x", 200))
	}
	w, _ := mw.CreateFormFile("doc", "doc.pdf")
	w.Write(bytes.Repeat([]byte("%PDF"), 16<<10))
	mw.Close()
	ctype, data := mw.FormDataContentType(), body.Bytes()
	env := &framework.Env{}
	b.Run("framework", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
			r.Header.Set("Content-Type", ctype)
			req := framework.RequestFrom(r.WithContext(framework.WithEnv(r.Context(), env)))
			if req.Err() != nil || req.FILES.Get("doc") == nil {
				b.Fatal(req.Err())
			}
		}
	})
	b.Run("net-http", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
			r.Header.Set("Content-Type", ctype)
			if err := r.ParseMultipartForm(framework.DefaultMaxBodyBytes); err != nil || r.MultipartForm.File["doc"] == nil {
				b.Fatal(err)
			}
			r.MultipartForm.RemoveAll()
		}
	})
}
