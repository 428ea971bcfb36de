// Package all installs every example app: a manage program blank-imports it
// to register them all, then lists their labels in INSTALLED_APPS.
//
//	import _ "github.com/manouche-go/manouche/examples/all"
package all

import (
	// Each import registers one app in its init.
	_ "github.com/manouche-go/manouche/examples/accounts"
	_ "github.com/manouche-go/manouche/examples/ajax"
	_ "github.com/manouche-go/manouche/examples/catalog"
	_ "github.com/manouche-go/manouche/examples/cookietest"
	_ "github.com/manouche-go/manouche/examples/home"
	_ "github.com/manouche-go/manouche/examples/mail"
	_ "github.com/manouche-go/manouche/examples/myapp"
	_ "github.com/manouche-go/manouche/examples/sessiondemo"
	_ "github.com/manouche-go/manouche/examples/shop"
)

// Labels returns the INSTALLED_APPS labels of every example, in the order
// the index page lists them. Each call returns a new slice.
func Labels() []string {
	return []string{
		"examples.home",
		"examples.myapp",
		"examples.catalog",
		"examples.sessiondemo",
		"examples.mail",
		"examples.cookietest",
		"examples.shop",
		"examples.ajax",
		"examples.accounts",
	}
}
