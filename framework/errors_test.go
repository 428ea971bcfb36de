package framework_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

func TestErrorResponses_plain(t *testing.T) {
	secret := "db password=hunter2"
	tests := []struct {
		name       string
		resp       func(req *framework.Request) *framework.Response
		status     int
		wantTitle  string
		wantDetail string
		wantAllow  string
	}{
		{"400", func(r *framework.Request) *framework.Response { return framework.BadRequest(r, secret) }, 400, "Bad Request (400)", "", ""},
		{"403", func(r *framework.Request) *framework.Response { return framework.Forbidden(r, secret) }, 403, "403 Forbidden", "", ""},
		{"404", func(r *framework.Request) *framework.Response { return framework.NotFound(r, secret) }, 404, "Not Found",
			"The requested resource was not found on this server.", ""},
		{"405", func(r *framework.Request) *framework.Response { return framework.MethodNotAllowed(r, "GET", "HEAD") }, 405,
			"Method Not Allowed (405)", "", "GET, HEAD"},
		{"500", func(r *framework.Request) *framework.Response { return framework.ServerError(r, errors.New(secret)) }, 500,
			"Server Error (500)", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, req := range []*framework.Request{nil, newRequest(t, &framework.Env{Logger: discardLogger()}, nil, "/x/")} {
				r := tt.resp(req)
				body := string(r.Body)
				want := "<title>" + tt.wantTitle + "</title>"
				if r.Status != tt.status || !strings.Contains(body, want) || !strings.Contains(body, "<h1>"+tt.wantTitle+"</h1><p>"+tt.wantDetail+"</p>") {
					t.Errorf("got %d %q, want %d with %q", r.Status, body, tt.status, want)
				}
				if strings.Contains(body, "hunter2") || strings.Contains(body, "/x/") {
					t.Errorf("got %q: the plain page leaks details", body)
				}
				if got := r.Header.Get("Allow"); got != tt.wantAllow {
					t.Errorf("got Allow %q, want %q", got, tt.wantAllow)
				}
				if ct := r.Header.Get("Content-Type"); ct != framework.ContentTypeHTML {
					t.Errorf("got Content-Type %q, want %q", ct, framework.ContentTypeHTML)
				}
			}
		})
	}
}

func TestErrorResponses_debug(t *testing.T) {
	env := &framework.Env{Debug: true, Logger: discardLogger(), URLPatterns: []string{"/shop/ [name='shop']", "/<x>/"}}
	tests := []struct {
		name    string
		resp    func(req *framework.Request) *framework.Response
		status  int
		want    []string
		notWant []string
	}{
		{"400", func(r *framework.Request) *framework.Response { return framework.BadRequest(r, "bad <thing>") }, 400,
			[]string{"<h1>Bad Request <span>(400)</span></h1>", "bad &lt;thing&gt;", "<td>GET</td>", "<td>/p/?q=&lt;b&gt;</td>", "DEBUG = True"},
			[]string{"URL patterns"}},
		{"403", func(r *framework.Request) *framework.Response { return framework.Forbidden(r, "no") }, 403,
			[]string{"<h1>Forbidden <span>(403)</span></h1>", ">no</pre>"}, nil},
		{"404", func(r *framework.Request) *framework.Response { return framework.NotFound(r, "No item 7") }, 404,
			[]string{"<h1>Page not found <span>(404)</span></h1>", "No item 7", "<li><code>/shop/ [name=&#39;shop&#39;]</code></li>",
				"<li><code>/&lt;x&gt;/</code></li>", "The current path, <code>/p/</code>, didn’t match"}, nil},
		{"405", func(r *framework.Request) *framework.Response { return framework.MethodNotAllowed(r, "POST") }, 405,
			[]string{"<h1>Method Not Allowed <span>(405)</span></h1>", "Method GET not allowed. Allowed methods: POST"}, nil},
		{"500", func(r *framework.Request) *framework.Response {
			return framework.ServerError(r, errors.New("boom <script>"))
		}, 500, []string{"<h1>error at /p/</h1>", `<pre class="exception_value">boom &lt;script&gt;</pre>`, "<td>GET</td>",
			"<td>http://example.com/p/?q=&lt;b&gt;</td>", "errors_test.go</code>, line", "DEBUG = True"}, []string{"boom <script>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.resp(newRequest(t, env, nil, "/p/?q=<b>"))
			body := string(r.Body)
			if r.Status != tt.status {
				t.Errorf("got status %d, want %d", r.Status, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("got %s\nwant it to contain %q", body, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("got %s\nwant no %q", body, w)
				}
			}
		})
	}
}

func TestErrorResponses_templates(t *testing.T) {
	engine := newEngine(t, map[string]string{
		"404.html": `custom 404 for << .request_path >>: << .exception >> (<< .Request.Method >>)`,
		"500.html": `custom 500 << .request_path >><< .Request >>`,
		"403.html": `<< index .Nope 1 >>`,
	})
	tests := []struct {
		name string
		resp func(req *framework.Request) *framework.Response
		want string
	}{
		{"404 template", func(r *framework.Request) *framework.Response { return framework.NotFound(r, "gone <now>") },
			"custom 404 for /p/: gone &lt;now&gt; (GET)"},
		{"500 template without Request", func(r *framework.Request) *framework.Response { return framework.ServerError(r, errors.New("x")) },
			"custom 500 /p/"},
		{"failing template falls back", func(r *framework.Request) *framework.Response { return framework.Forbidden(r, "") },
			framework.ErrorPageHTML(403)},
		{"no template falls back", func(r *framework.Request) *framework.Response { return framework.BadRequest(r, "") },
			framework.ErrorPageHTML(400)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.resp(newRequest(t, &framework.Env{Templates: engine, Logger: discardLogger()}, nil, "/p/"))
			if got := string(r.Body); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestServerError_logs(t *testing.T) {
	logger, logs := newTestLogger()
	req := newRequest(t, &framework.Env{Logger: logger}, nil, "/p/")
	framework.ServerError(req, errors.New("boom"))
	out := logs.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `level=ERROR msg="framework: server error" method=GET path=/p/ err=boom`) {
		t.Errorf("got log %q, want one error line naming method, path and err", out)
	}
}
