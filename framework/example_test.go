package framework_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
	"github.com/manouche-go/manouche/framework/templates"
)

// Example_view serves a view and reads its cookies, query and form.
func Example_view() {
	view := framework.View(func(req *framework.Request) *framework.Response {
		if req.Method != http.MethodPost {
			return framework.MethodNotAllowed(req, http.MethodPost)
		}
		resp := framework.Text(fmt.Sprintf("theme=%s page=%s name=%s",
			req.COOKIES["theme"], req.GET.Get("page"), req.POST.Get("name")))
		resp.SetCookie(framework.Cookie{Name: "seen", Value: "yes", HttpOnly: true, SameSite: "Lax"})
		return resp
	})

	r := httptest.NewRequest("POST", "/form/?page=2", strings.NewReader("name=Ann"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Cookie", `theme=dark; theme="light"`)
	w := httptest.NewRecorder()
	view.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Body.String())
	fmt.Println(w.Header().Get("Set-Cookie"))

	w = httptest.NewRecorder()
	view.ServeHTTP(w, httptest.NewRequest("GET", "/form/", nil))
	fmt.Println(w.Code, w.Header().Get("Allow"))
	// Output:
	// 200 theme=light page=2 name=Ann
	// seen=yes; HttpOnly; Path=/; SameSite=Lax
	// 405 POST
}

// exampleCookies is a signed_cookies-like backend holding a fixed session.
type exampleCookies struct{}

func (exampleCookies) DecodeCookie(string, time.Time) (*signing.Dict, error) {
	d := signing.NewDict()
	d.Set("greeting", "Hello from manouche!")
	d.Set("num_visits", int64(4))
	return d, nil
}

func (exampleCookies) EncodeCookie(*signing.Dict, time.Time) (string, error) { return "", nil }

// ExampleRender renders a template that reads the session through
// .Request.Session.
func ExampleRender() {
	tmpl := fstest.MapFS{"greetings/index.html": {Data: []byte(
		`<p><< .Request.Session.greeting >> (visit << .Request.Session.num_visits >>)</p>`)}}
	engine, err := templates.New(templates.Options{FS: []fs.FS{tmpl}})
	if err != nil {
		fmt.Println(err)
		return
	}
	view := framework.View(func(req *framework.Request) *framework.Response {
		return framework.Render(req, "greetings/index.html", nil)
	})

	// What the site and the session middleware do for every request.
	r := httptest.NewRequest("GET", "/", nil)
	ctx := framework.WithEnv(r.Context(), &framework.Env{Templates: engine})
	s := session.New(ctx, &session.Config{Cookie: exampleCookies{}}, "a-cookie-value")
	r = r.WithContext(session.NewContext(ctx, s))

	w := httptest.NewRecorder()
	view.ServeHTTP(w, r)
	fmt.Println(w.Body.String())
	fmt.Println(s.Accessed())
	// Output:
	// <p>Hello from manouche! (visit 4)</p>
	// true
}

// ExampleFormatSetCookie writes a session cookie the way Django's session
// middleware does.
func ExampleFormatSetCookie() {
	now := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)
	age := 1209600
	fmt.Println(framework.FormatSetCookie(framework.Cookie{
		Name: "sessionid", Value: "k3y", MaxAge: &age, Expires: now.Add(time.Duration(age) * time.Second),
		HttpOnly: true, SameSite: "Lax",
	}))
	fmt.Println(framework.FormatDeleteCookie(framework.Cookie{Name: "sessionid", SameSite: "Lax"}))
	// Output:
	// sessionid=k3y; expires=Tue, 28 Nov 2023 22:13:20 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax
	// sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax
}

// ExampleNotFound shows the production and DEBUG 404 pages.
func ExampleNotFound() {
	for _, debug := range []bool{false, true} {
		r := httptest.NewRequest("GET", "/items/7/", nil)
		r = r.WithContext(framework.WithEnv(context.Background(), &framework.Env{Debug: debug}))
		resp := framework.NotFound(framework.RequestFrom(r), "No item 7")
		fmt.Println(resp.Status, strings.Contains(string(resp.Body), "No item 7"))
	}
	// Output:
	// 404 false
	// 404 true
}
