package registry_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/manouche-go/manouche/framework/registry"
)

func TestRegistry(t *testing.T) {
	r := registry.New[int]("numbers")
	r.Register(1, "one", "uno")
	r.Register(2, "two")
	if v, ok := r.Lookup("uno"); !ok || v != 1 {
		t.Errorf("Lookup(uno) = %v, %v", v, ok)
	}
	if _, ok := r.Lookup("three"); ok {
		t.Error("Lookup(three) found something")
	}
	if got := r.Names(); !slices.Equal(got, []string{"one", "two", "uno"}) {
		t.Errorf("Names = %q", got)
	}
	for _, names := range [][]string{nil, {""}, {"one"}, {"four", "four"}} {
		func() {
			defer func() {
				if p := recover(); p == nil || fmt.Sprint(p)[:8] != "numbers:" {
					t.Errorf("Register(%q) panicked with %v, want a numbers: panic", names, p)
				}
			}()
			r.Register(4, names...)
		}()
	}
}

func ExampleRegistry() {
	greeters := registry.New[func(string) string]("greeters")
	greeters.Register(func(n string) string { return "Hello, " + n }, "english", "en")
	g, _ := greeters.Lookup("en")
	fmt.Println(g("Django"), greeters.Names())
	// Output: Hello, Django [en english]
}
