package framework

import "net/http"

// ResponseStarter is what a middleware does when the response starts, while
// its status and headers can still change: Django's process_response. It
// may change h.
type ResponseStarter interface {
	StartResponse(h http.Header)
}

// StartWriter is an http.ResponseWriter that calls its [ResponseStarter]
// once, when the response starts: at the first WriteHeader, Write or
// Flush, or when the middleware calls [StartWriter.Start] after the view
// returned without writing. A middleware embeds it in the object it
// allocates per request. It is an http.Flusher, and http.ResponseController
// reaches the writer it wraps through Unwrap.
type StartWriter struct {
	http.ResponseWriter
	s    ResponseStarter
	done bool
}

// Reset makes w wrap rw and call s when the response starts.
func (w *StartWriter) Reset(rw http.ResponseWriter, s ResponseStarter) {
	*w = StartWriter{ResponseWriter: rw, s: s}
}

// Start runs the response phase, once.
func (w *StartWriter) Start() {
	if !w.done {
		w.done = true
		w.s.StartResponse(w.Header())
	}
}

// WriteHeader starts the response, then writes the status.
func (w *StartWriter) WriteHeader(status int) {
	w.Start()
	w.ResponseWriter.WriteHeader(status)
}

// Write starts the response, then writes b.
func (w *StartWriter) Write(b []byte) (int, error) {
	w.Start()
	return w.ResponseWriter.Write(b)
}

// Flush starts the response, then sends what was written so far, for
// handlers that stream.
func (w *StartWriter) Flush() {
	w.Start()
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *StartWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
