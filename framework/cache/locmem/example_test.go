package locmem_test

import (
	"context"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	_ "github.com/manouche-go/manouche/framework/cache/locmem" // registers "locmem"
)

// A cache is opened by the BACKEND name of its CACHES entry.
func Example() {
	ctx := context.Background()
	c, err := cache.Open(cache.Config{
		Backend: "django.core.cache.backends.locmem.LocMemCache",
		Options: map[string]any{"MAX_ENTRIES": 1000},
	})
	if err != nil {
		panic(err)
	}
	c.Set(ctx, "greeting", []byte("hello"), time.Minute)
	added, _ := c.Add(ctx, "greeting", []byte("bonjour"), time.Minute)
	v, ok, _ := c.Get(ctx, "greeting")
	fmt.Println(string(v), ok, added)
	// Output: hello true false
}
