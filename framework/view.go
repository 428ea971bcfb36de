package framework

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// View is a Django view: a function from a request to a response. A View
// is an http.Handler, so it can be routed by any router.
type View func(req *Request) *Response

// ServeHTTP builds the [Request] for r, calls the view and writes the
// [Response] (Django's BaseHandler.get_response). Before calling the view
// it answers 400 when the form body is too large or malformed
// ([Request.Err]). A panic in the view is recovered: the client gets the
// 500 page (the technical 500 page with DEBUG) and the panic is logged in
// one record with its stack as one attribute, except
// http.ErrAbortHandler, which is re-panicked to abort the response as
// net/http intends. A nil Response is a server error too, and so is a
// request whose user could not be loaded ([LazyUser.Err]).
func (v View) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := newRequest(w, r)
	req.withContext()
	defer req.FILES.removeAll()
	resp := v.call(req)
	if s := req.Session; resp.Status < 500 && s.Accessed() && errors.Is(s.Err(), ErrNoSession) {
		resp = ServerError(req, s.Err())
	}
	if u, ok := req.User.(*LazyUser); ok && u.Err() != nil {
		resp = ServerError(req, u.Err())
	}
	if resp.err != nil {
		level := slog.LevelWarn
		if resp.Status >= 500 {
			level = slog.LevelError
		}
		req.env.logger().Log(r.Context(), level, "framework: error response",
			"method", req.Method, "path", req.Path, "status", resp.Status, "err", resp.err)
	}
	resp.ServeHTTP(w, req.HTTP)
}

// call runs the view, turning a body error, a panic or a nil response
// into an error response.
func (v View) call(req *Request) (resp *Response) {
	if err := req.err; err != nil {
		return BadRequest(req, bodyErrorMessage(err))
	}
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if p == http.ErrAbortHandler { //nolint:errorlint // net/http compares it the same way
			panic(p)
		}
		resp = serverError(req, failure{err: fmt.Errorf("framework: panic in view: %v", p), panicked: true, value: p, stack: panicStack()})
	}()
	resp = v(req)
	if resp == nil {
		resp = ServerError(req, errors.New("framework: view returned a nil *Response"))
	}
	return resp
}

// bodyErrorMessage is what the DEBUG 400 page says of a [Request.Err].
func bodyErrorMessage(err error) string {
	switch {
	case errors.Is(err, ErrBodyTooLarge):
		return "request body too large: " + err.Error()
	case errors.Is(err, ErrTooManyFields), errors.Is(err, ErrTooManyFiles):
		return err.Error()
	}
	return "malformed form data"
}
