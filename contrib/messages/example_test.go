package messages_test

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"

	cmessages "github.com/manouche-go/manouche/contrib/messages"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/templates"
)

// A form view adds "Saved." and redirects; the next page shows it once. In
// a site, INSTALLED_APPS lists contrib.messages and MIDDLEWARE its
// MessageMiddleware; base.html ranges over .Messages.
func Example() {
	engine, _ := templates.New(templates.Options{FS: []fs.FS{fstest.MapFS{
		"page.html": {Data: []byte(`<< range .Messages >><p class="<< .Tags >>"><< . >></p><< else >>(none)<< end >>`)},
	}}})
	env := &framework.Env{Templates: engine, ContextProcessors: []framework.ContextProcessor{cmessages.Processor}}
	mw, _ := cmessages.Middleware(cmessages.Options{SecretKey: "example-secret-key"})
	site := mw(framework.View(func(req *framework.Request) *framework.Response {
		if req.Method == http.MethodPost {
			messages.Success(req, "Saved.")
			return framework.Redirect("/")
		}
		return framework.Render(req, "page.html", nil)
	}))
	var cookie *http.Cookie
	for _, method := range []string{"POST", "GET", "GET"} {
		r := httptest.NewRequest(method, "/", nil)
		if cookie != nil {
			r.AddCookie(cookie)
		}
		w := httptest.NewRecorder()
		site.ServeHTTP(w, r.WithContext(framework.WithEnv(r.Context(), env)))
		if cs := w.Result().Cookies(); len(cs) > 0 {
			cookie = cs[0]
		}
		fmt.Println(strings.TrimSpace(fmt.Sprint(method, " ", w.Code, " ", w.Body.String())))
	}
	// Output:
	// POST 302
	// GET 200 <p class="success">Saved.</p>
	// GET 200 (none)
}
