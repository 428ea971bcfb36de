package staticfiles_test

import (
	"fmt"
	"os"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework/staticfiles"
)

// Collect writes STATIC_ROOT as Django's collectstatic does; the
// template function static then names the hashed copies.
func ExampleCollect() {
	root, err := os.MkdirTemp("", "staticfiles")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	project := fstest.MapFS{
		"css/site.css": {Data: []byte(`body { background: url("../img/bg.png") }`)},
		"img/bg.png":   {Data: []byte("\x89PNG...")},
	}
	f := staticfiles.NewFinder(staticfiles.Source{Name: "static", FS: project})
	res, err := staticfiles.Collect(f, root, staticfiles.CollectOptions{StaticURL: "/static/"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Copied, "copied,", res.PostProcessed, "post-processed")
	m, _ := staticfiles.LoadManifest(os.DirFS(root))
	css, _ := os.ReadFile(root + "/" + m["css/site.css"])
	fmt.Println(string(css))
	url, _ := staticfiles.NewStorage("/static/", false, m, nil).URL("css/site.css")
	fmt.Println(url)
	// Output:
	// 2 copied, 2 post-processed
	// body { background: url("../img/bg.d90b695d3eef.png") }
	// /static/css/site.5ccbb7de4ab2.css
}

func ExampleHashedName() {
	fmt.Println(staticfiles.HashedName("css/site.css", []byte("body { color: #222 }")))
	// Output: css/site.dce187030e33.css
}
