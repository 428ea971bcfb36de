// Package catalog is the visit counter of the Django sessions tutorial (the
// MDN "LocalLibrary" catalog): /catalog/ reads num_visits from the session
// (default 0), stores it plus one, and shows the count before the increment,
// "You have visited this page 0 times", then "1 time", "2 times", ...
package catalog

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "examples.catalog"

func init() { apps.Register(app{}) }

// app is the catalog example as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves the counter at /catalog/.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{sessionPath("/catalog/", index, "catalog")}
}

// errNoSession is what a view reports when the request has no session
// because the session middleware is not installed.
var errNoSession = errors.New("examples.catalog: no session: add contrib.sessions.SessionMiddleware to MIDDLEWARE")

// sessionPath is urls.Path for a view that uses req.Session: without the
// session middleware the view is not called, and the request gets a 500
// page with one log line rather than a nil-pointer panic.
func sessionPath(path string, view framework.View, name string) urls.Pattern {
	return urls.Path(path, func(req *framework.Request) *framework.Response {
		if req.Session == nil {
			return framework.ServerError(req, errNoSession)
		}
		return view(req)
	}, name)
}

//go:embed templates
var tmpl embed.FS

// Templates returns catalog/index.html.
func (app) Templates() fs.FS {
	sub, err := fs.Sub(tmpl, "templates")
	if err != nil {
		panic("examples.catalog: " + err.Error()) // unreachable: the path is a constant
	}
	return sub
}

// index counts the visits of this session (Django's
// num_visits = request.session.get("num_visits", 0)).
func index(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	n, _ := req.Session.GetInt("num_visits") // absent: 0
	if err := req.Session.Set("num_visits", n+1); err != nil {
		return framework.ServerError(req, fmt.Errorf("catalog: count visit: %w", err))
	}
	unit := "times"
	if n == 1 {
		unit = "time"
	}
	return framework.Render(req, "catalog/index.html", map[string]any{"NumVisits": n, "Unit": unit})
}
