// Package ajax is a session counter for pages that call it with fetch():
// every request to /ajax/counter/ adds one to "count" in the session and
// answers {"count": N}. The index page (examples/home) calls it, so reloading
// the index shows the count going up. fetch() sends the session cookie of
// the same origin, like any request from the page.
package ajax

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.ajax"

func init() { apps.Register(app{}) }

// app is the ajax example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the counter at /ajax/counter/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Path("/ajax/counter/", counter, "ajax-counter")}
}

// counter adds one to the session's count and answers it as JSON. GET and
// POST both count, so a page may use either with fetch().
func counter(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodPost)
	}
	n, err := req.Session.Incr("count", 1)     // absent: 0; merged with other tabs' requests
	if errors.Is(err, session.ErrNotInteger) { // not a count (set elsewhere): start again
		n, err = 1, req.Session.Set("count", 1)
	}
	if err != nil {
		return framework.ServerError(req, fmt.Errorf("ajax: count: %w", err))
	}
	return framework.JSON(map[string]any{"count": n})
}
