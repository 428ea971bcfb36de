package auth_test

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/urls"
)

// greetings is an app with one page for logged-in users.
type greetings struct{}

func (greetings) Label() string { return "example.greetings" }

func (greetings) URLs() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/accounts/login/", auth.LoginView, "login"),
		urls.Path("/hello/", auth.LoginRequired(func(req *framework.Request) *framework.Response {
			return framework.Text("Hello, " + req.User.GetUsername())
		}), "hello"),
	}
}

// Templates gives the site the base.html that auth's templates extend.
func (greetings) Templates() fs.FS {
	return fstest.MapFS{"base.html": {Data: []byte(`<title><< template "title" . >></title><< template "content" . >>`)}}
}

func init() { apps.Register(greetings{}) }

// A site with contrib.auth: a user made with CreateUser logs in through
// LoginView and reaches a page that LoginRequired guards.
func Example() {
	dir, _ := os.MkdirTemp("", "auth-example-")
	defer os.RemoveAll(dir)
	s := settings.Default()
	s.SecretKey = "example-secret-key-0123456789-0123456789-0123456789"
	s.AllowedHosts = []string{"127.0.0.1"}
	s.InstalledApps = []string{contenttypes.Label, auth.Label, sessions.Label, "example.greetings"}
	s.Middleware = []string{sessions.MiddlewareName, auth.MiddlewareName}
	s.Databases["default"] = settings.Database{Engine: "sqlite", Name: filepath.Join(dir, "db.sqlite3")}
	s.PBKDF2Iterations = 1000 // Django 5.2's 1000000 in production
	st, _ := site.New(s, site.Options{Stdout: io.Discard})
	if err := st.Migrate(context.Background(), io.Discard); err != nil { // `manage migrate`
		panic(err)
	}
	cfg, _ := auth.NewConfig(st.Env)
	if _, err := auth.CreateUser(auth.NewContext(context.Background(), cfg), "alice", "alice@example.com", "correct horse"); err != nil {
		panic(err)
	}
	h, _ := st.Handler()
	srv := httptest.NewServer(h)
	defer srv.Close()

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	resp, _ := browser.Get(srv.URL + "/hello/") // redirected to the login form
	fmt.Println(resp.Request.URL.Path, resp.Request.URL.Query().Get("next"))
	resp, _ = browser.PostForm(srv.URL+"/accounts/login/", url.Values{
		"username": {"alice"}, "password": {"correct horse"}, "next": {"/hello/"},
	})
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(strings.TrimSpace(string(body)))
	// Output:
	// /accounts/login/ /hello/
	// Hello, alice
}

// A login's "next" is followed only to this site.
func ExampleURLHasAllowedHostAndScheme() {
	for _, next := range []string{"/shop/?page=2", "https://shop.example/cart/", "//evil.example", `\\evil`, "javascript:alert(1)"} {
		fmt.Println(next, auth.URLHasAllowedHostAndScheme(next, []string{"shop.example"}, true))
	}
	// Output:
	// /shop/?page=2 true
	// https://shop.example/cart/ true
	// //evil.example false
	// \\evil false
	// javascript:alert(1) false
}

// LoginRequired sends anonymous users here.
func ExampleRedirectToLogin() {
	to, _ := auth.RedirectToLogin("/shop/cart/?step=2", "/accounts/login/")
	fmt.Println(to)
	// Output: /accounts/login/?next=/shop/cart/%3Fstep%3D2
}
