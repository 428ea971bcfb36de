package templates_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework/templates"
)

// Example_inheritance renders an app's page that extends the project's
// base template.
func Example_inheritance() {
	project := fstest.MapFS{"base.html": {Data: []byte(
		`<h1><< block "title" . >>Site<< end >></h1><< template "content" . >>`)}}
	app := fstest.MapFS{"shop/cart.html": {Data: []byte(
		`<< template "base.html" . >>` +
			`<< define "title" >>Cart<< end >>` +
			`<< define "content" >><p><< .Count >> items for << .User >></p><< end >>`)}}

	e, err := templates.New(templates.Options{FS: []fs.FS{project, app}})
	if err != nil {
		fmt.Println(err)
		return
	}
	data := map[string]any{"Count": 2, "User": "<ann>"}
	if err := e.Render(os.Stdout, "shop/cart.html", data); err != nil {
		fmt.Println(err)
	}
	fmt.Println()

	err = e.Render(os.Stdout, "shop/missing.html", nil)
	fmt.Println(errors.Is(err, templates.ErrNotFound))
	fmt.Println(err)
	// Output:
	// <h1>Cart</h1><p>2 items for &lt;ann&gt;</p>
	// true
	// templates: "shop/missing.html" not found; tried fs[0]: shop/missing.html, fs[1]: shop/missing.html
}
