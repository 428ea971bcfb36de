package framework_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// countingStarter sets a header and counts its calls.
type countingStarter struct{ calls int }

func (c *countingStarter) StartResponse(h http.Header) { c.calls++; h.Set("X-Started", "yes") }

func TestStartWriter(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *framework.StartWriter)
	}{
		{"WriteHeader", func(w *framework.StartWriter) { w.WriteHeader(201); w.Write([]byte("x")) }},
		{"Write", func(w *framework.StartWriter) { w.Write([]byte("x")); w.Write([]byte("y")) }},
		{"Flush", func(w *framework.StartWriter) { w.Flush(); w.Write([]byte("x")) }},
		{"nothing written", func(w *framework.StartWriter) { w.Start(); w.Start() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			var s countingStarter
			var w framework.StartWriter
			w.Reset(rec, &s)
			tt.write(&w)
			if s.calls != 1 {
				t.Errorf("StartResponse: called %d times, want once", s.calls)
			}
			if rec.Header().Get("X-Started") != "yes" {
				t.Error("the header set when the response started was not sent")
			}
			if w.Unwrap() != rec {
				t.Error("Unwrap: want the wrapped writer")
			}
		})
	}
}
