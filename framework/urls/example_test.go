package urls_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/urls"
)

// Example_router routes two apps' views, reverses a name and redirects a
// path missing its trailing slash.
func Example_router() {
	item := func(req *framework.Request) *framework.Response {
		return framework.Text("item " + req.HTTP.PathValue("id"))
	}
	index := func(req *framework.Request) *framework.Response { return framework.Text("home") }

	router, err := urls.NewRouter([]urls.Pattern{
		urls.Path("/", index, "index"),
		urls.Include("/shop",
			urls.Path("/items/{id}/", item, "shop-item"),
		),
	}, urls.Options{AppendSlash: true})
	if err != nil {
		fmt.Println(err)
		return
	}

	path, _ := router.Reverse("shop-item", 7)
	fmt.Println(path)

	for _, target := range []string{path, "/shop/items/7?page=2"} {
		w := httptest.NewRecorder()
		router.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Printf("%s -> %d %q %q\n", target, w.Code, w.Body.String(), w.Header().Get("Location"))
	}

	_, err = router.Reverse("shop-item")
	fmt.Println(err)
	// Output:
	// /shop/items/7/
	// /shop/items/7/ -> 200 "item 7" ""
	// /shop/items/7?page=2 -> 301 "" "/shop/items/7/?page=2"
	// urls: reverse "shop-item" (/shop/items/{id}/): got 0 arguments, want 1 (id): urls: no reverse match
}
