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
	"github.com/manouche-go/manouche/framework/session"
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
	return []urls.Pattern{urls.Path("/catalog/", index, "catalog")}
}

//go:embed templates
var tmpl embed.FS

// Templates returns catalog/index.html.
func (app) Templates() fs.FS { return apps.MustSub(tmpl, "templates") }

// index counts the visits of this session (Django's
// num_visits = request.session.get("num_visits", 0)). It counts with
// Incr, so visits from several tabs at once are all counted.
func index(req *framework.Request) *framework.Response {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead)
	}
	total, err := req.Session.Incr("num_visits", 1)
	if errors.Is(err, session.ErrNotInteger) { // not a count (set elsewhere): start again
		total, err = 1, req.Session.Set("num_visits", 1)
	}
	if err != nil {
		return framework.ServerError(req, fmt.Errorf("catalog: count visit: %w", err))
	}
	n := total - 1 // the visits before this one
	unit := "times"
	if n == 1 {
		unit = "time"
	}
	return framework.Render(req, "catalog/index.html", map[string]any{"NumVisits": n, "Unit": unit})
}
