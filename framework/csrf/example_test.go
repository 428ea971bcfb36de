package csrf_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/urls"
)

// A view behind the middleware: a POST needs the token the page gave out.
// In a site, MIDDLEWARE lists framework.csrf.CsrfViewMiddleware and
// templates write the form field with << .CSRF.Input >>.
func Example() {
	var token string
	router, _ := urls.NewRouter([]urls.Pattern{
		urls.Path("/contact/", func(req *framework.Request) *framework.Response {
			if req.Method == http.MethodGet {
				token = csrf.Token(req) // what << .CSRF.Token >> prints
				return framework.Text("form")
			}
			return framework.Text("sent")
		}, "contact"),
	}, urls.Options{})
	mw, _ := csrf.New(csrf.DefaultOptions())
	site := mw(router)

	w := httptest.NewRecorder()
	site.ServeHTTP(w, httptest.NewRequest("GET", "/contact/", nil))
	cookie := w.Result().Cookies()[0]
	fmt.Println("cookie:", cookie.Name)

	for _, field := range []string{"", token} {
		r := httptest.NewRequest("POST", "/contact/", strings.NewReader(url.Values{"csrfmiddlewaretoken": {field}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.AddCookie(cookie)
		w := httptest.NewRecorder()
		site.ServeHTTP(w, r)
		fmt.Println("POST with token", field != "", "->", w.Code)
	}
	// Output:
	// cookie: csrftoken
	// POST with token false -> 403
	// POST with token true -> 200
}

func ExampleMask() {
	secret := "Ab3dEf6hIj9lMn2pQr5tUv8xYz1BcDeF"
	token := csrf.Mask(secret, "0123456789ABCDEFGHIJKLMNOPQRSTUV")
	fmt.Println(token)
	fmt.Println(csrf.Unmask(token) == secret)
	// Output:
	// 0123456789ABCDEFGHIJKLMNOPQRSTUVq2V6ya2eGizMeQwUmYD2u6KaCeHiUmYq
	// true
}

// A webhook that another site posts to is exempt from the check.
func ExampleExempt() {
	hook := func(req *framework.Request) *framework.Response { return framework.Text("received") }
	router, _ := urls.NewRouter([]urls.Pattern{
		urls.Handle("/hooks/payment/", csrf.Exempt(hook), "payment-hook"),
	}, urls.Options{})
	mw, _ := csrf.New(csrf.DefaultOptions())
	w := httptest.NewRecorder()
	mw(router).ServeHTTP(w, httptest.NewRequest("POST", "/hooks/payment/", nil))
	fmt.Println(w.Code, w.Body.String())
	// Output: 200 received
}
