package dummy_test

import (
	"context"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	_ "github.com/manouche-go/manouche/framework/cache/dummy" // registers "dummy"
)

// A dummy cache accepts everything and remembers nothing, as Django's
// DummyCache.
func Example() {
	ctx := context.Background()
	c, _ := cache.Open(cache.Config{Backend: "django.core.cache.backends.dummy.DummyCache"})
	c.Set(ctx, "greeting", []byte("hello"), time.Minute)
	_, ok, _ := c.Get(ctx, "greeting")
	fmt.Println(ok)
	// Output: false
}
