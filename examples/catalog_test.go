package examples_test

import "testing"

func TestCatalog(t *testing.T) { forEachEngine(t, testCatalog) }

func testCatalog(t *testing.T, e *engineEnv) {
	play(t, e, []step{
		{name: "first visit", path: "/catalog/", want: []string{"You have visited this page 0 times"},
			cookie: cookieSet, stored: map[string]any{"num_visits": 1}},
		{name: "second visit", path: "/catalog/", want: []string{"You have visited this page 1 time."},
			cookie: cookieSet, stored: map[string]any{"num_visits": 2}},
		{name: "third visit", path: "/catalog/", want: []string{"You have visited this page 2 times"},
			cookie: cookieSet, stored: map[string]any{"num_visits": 3}},
	})
	// Another browser has its own session, hence its own count.
	play(t, e, []step{
		{name: "other browser", path: "/catalog/", want: []string{"You have visited this page 0 times"}, cookie: cookieSet},
	})
}
