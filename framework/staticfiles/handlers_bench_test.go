package staticfiles

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// benchServe requests target from h b.N times.
func benchServe(b *testing.B, h http.Handler, target, encoding string) {
	r := httptest.NewRequest("GET", target, nil)
	if encoding != "" {
		r.Header.Set("Accept-Encoding", encoding)
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkServe compares the handlers with net/http's FileServer on the
// same file (the hashed js/app.js of the testdata): compare the ratios,
// not the times.
func BenchmarkServe(b *testing.B) {
	root := b.TempDir()
	if _, err := Collect(testFinder(), root, CollectOptions{StaticURL: "/static/"}); err != nil {
		b.Fatal(err)
	}
	m, err := LoadManifest(os.DirFS(root))
	if err != nil {
		b.Fatal(err)
	}
	mw, err := RootHandler("/static/", os.DirFS(root))
	if err != nil {
		b.Fatal(err)
	}
	collected := mw(http.NotFoundHandler())
	debug := FinderHandler("/static/", testFinder())(http.NotFoundHandler())
	fileServer := http.StripPrefix("/static/", http.FileServerFS(os.DirFS(root)))
	hashed := "/static/" + m["js/app.js"]
	b.Run("FileServer", func(b *testing.B) { benchServe(b, fileServer, hashed, "") })
	b.Run("RootHandler", func(b *testing.B) { benchServe(b, collected, hashed, "") })
	b.Run("RootHandler_gzip", func(b *testing.B) { benchServe(b, collected, hashed, "gzip") })
	b.Run("RootHandler_br", func(b *testing.B) { benchServe(b, collected, hashed, "gzip, br") })
	b.Run("FinderHandler", func(b *testing.B) { benchServe(b, debug, "/static/js/app.js", "") })
}
