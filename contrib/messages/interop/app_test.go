package interop

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"strconv"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/urls"
)

// appLabel is the test app: the views of testdata/djangosite/views.py.
const appLabel = "interop.messagesite"

func init() { apps.Register(testApp{}) }

type testApp struct{}

func (testApp) Label() string { return appLabel }

func (testApp) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/f/form/", func(req *framework.Request) *framework.Response {
			return framework.Render(req, "form.html", nil)
		}, "form"),
		urls.Path("/f/submit/", submit, "submit"),
		urls.Handle("/m/add/", csrf.Exempt(add), "add"),
		urls.Path("/m/show/", show, "show"),
	}
}

func (testApp) Templates() fs.FS {
	return fstest.MapFS{"form.html": {Data: []byte(
		`<form method="post" action="/f/submit/"><< .CSRF.Input >><input name="field" value="x"></form>`)}}
}

func submit(req *framework.Request) *framework.Response {
	if req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodPost)
	}
	return framework.Text("accepted: " + req.POST.Get("field"))
}

// add adds one message per "text" value at "level", with "extra_tags".
func add(req *framework.Request) *framework.Response {
	level, err := strconv.Atoi(req.POST.Get("level"))
	if err != nil {
		return framework.BadRequest(req, "level")
	}
	for _, text := range req.POST["text"] {
		if err := messages.Add(req, messages.Level(level), text, req.POST.Get("extra_tags")); err != nil {
			return framework.ServerError(req, err)
		}
	}
	return framework.Text("added")
}

// show answers the messages as [[level, text, extra_tags, tags], ...],
// consuming them.
func show(req *framework.Request) *framework.Response {
	out := [][]any{}
	for m := range messages.Get(req) {
		out = append(out, []any{int(m.Level), m.Text, m.ExtraTags, m.Tags()})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return framework.ServerError(req, err)
	}
	resp := framework.HTML(string(b))
	resp.Header.Set("Content-Type", framework.ContentTypeJSON)
	return resp
}
