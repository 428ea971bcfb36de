// Package benchapp is the app `make loadtest` measures: three endpoints that
// are identical in every configuration, so that their throughputs compare.
// It registers the label "bench", which no settings file of this
// repository installs; the load test writes its own settings with
// INSTALLED_APPS [contrib.sessions, bench].
//
//	/plain  answers "ok" without any session code (the baseline)
//	/read   answers the session's integer n (0 when absent)
//	/incr   stores n+1 in the session and answers it
package benchapp

import (
	"fmt"
	"strconv"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/urls"
)

// Label is the app's INSTALLED_APPS label.
const Label = "bench"

func init() { apps.Register(app{}) }

// app is the benchmark app as an installed app.
type app struct{}

func (app) Label() string { return Label }

// URLs serves /plain, /read and /incr.
func (app) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/plain", plain, "bench-plain"),
		urls.Path("/read", read, "bench-read"),
		urls.Path("/incr", incr, "bench-incr"),
	}
}

// plain answers "ok" and never touches the session.
func plain(*framework.Request) *framework.Response { return framework.Text("ok") }

// read answers the session's n.
func read(req *framework.Request) *framework.Response {
	n, _ := req.Session.GetInt("n")
	if err := req.Session.Err(); err != nil {
		return framework.ServerError(req, fmt.Errorf("benchapp: read: %w", err))
	}
	return framework.Text(strconv.Itoa(n))
}

// incr stores n+1 and answers it.
func incr(req *framework.Request) *framework.Response {
	n, _ := req.Session.GetInt("n")
	if err := req.Session.Set("n", n+1); err != nil {
		return framework.ServerError(req, fmt.Errorf("benchapp: incr: %w", err))
	}
	return framework.Text(strconv.Itoa(n + 1))
}
