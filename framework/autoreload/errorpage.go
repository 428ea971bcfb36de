package autoreload

import (
	"context"
	"io"
	"net"
	"net/http"
	"time"
)

// errorServer answers every request on the socket with a message while no
// child runs: the compiler's errors after a failed build.
type errorServer struct {
	srv  *http.Server
	done chan struct{}
}

// startPage serves msg as a plain-text 500 page until stopPage.
func (r *reloader) startPage(msg string) {
	r.stopPage()
	ln, err := net.FileListener(r.socket)
	if err != nil {
		return // requests wait on the socket instead
	}
	page := "manouche runserver: no server is running.\n\n" + msg + "\n"
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, page)
	})
	es := &errorServer{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, done: make(chan struct{})}
	go func() { es.srv.Serve(ln); close(es.done) }()
	r.page = es
}

// stopPage stops the error page, if it is up, and waits until it no
// longer accepts connections.
func (r *reloader) stopPage() {
	if r.page == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r.page.srv.Shutdown(ctx)
	<-r.page.done
	r.page = nil
}
