// Package benchapp is the app `make loadtest` measures: three endpoints that
// are identical in every configuration, so that their throughputs compare.
// It registers the label "bench", which no settings file of this
// repository installs; the load test writes its own settings with
// INSTALLED_APPS [contrib.sessions, bench].
//
//	/plain  answers "ok" without any session code (the baseline)
//	/read   answers the session's integer n (0 when absent)
//	/incr   stores n+1 in the session and answers it
//	/fill   ?bytes=N: stores N bytes of incompressible text in the session,
//	        in values of up to 1 KiB ("pad000", "pad001", ...), and answers
//	        the number of values (the load test's session-size curve)
package benchapp

import (
	"fmt"
	"strconv"
	"strings"

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
		urls.Path("/fill", fill, "bench-fill"),
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

// maxFill bounds /fill's bytes: a session larger than 1 MiB is not a
// session any more.
const maxFill = 1 << 20

// fill stores ?bytes=N bytes of pseudo-random text in the session.
func fill(req *framework.Request) *framework.Response {
	n, err := strconv.Atoi(req.GET.Get("bytes"))
	if err != nil || n < 0 || n > maxFill {
		return framework.BadRequest(req, fmt.Sprintf("bytes=%q: want 0 to %d", req.GET.Get("bytes"), maxFill))
	}
	seed := uint32(n)
	values := 0
	for ; n > 0; values++ {
		size := min(n, 1024)
		var b strings.Builder
		for range size {
			seed = seed*1664525 + 1013904223 // a linear congruential generator
			b.WriteByte(alphabet[seed>>26])
		}
		if err := req.Session.Set(fmt.Sprintf("pad%03d", values), b.String()); err != nil {
			return framework.ServerError(req, fmt.Errorf("benchapp: fill: %w", err))
		}
		n -= size
	}
	return framework.Text(strconv.Itoa(values))
}

// alphabet is 64 characters that JSON writes as they are.
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
