package dummy_test

import (
	"context"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/cache"
	_ "github.com/manouche-go/manouche/framework/cache/dummy"
)

func TestCache(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"dummy", "django.core.cache.backends.dummy.DummyCache"} {
		c, err := cache.Open(cache.Config{Backend: name})
		if err != nil {
			t.Fatalf("Open(%q): %v", name, err)
		}
		if err := c.Set(ctx, "k", []byte("v"), time.Minute); err != nil {
			t.Errorf("%s: Set: %v", name, err)
		}
		if v, ok, err := c.Get(ctx, "k"); ok || v != nil || err != nil {
			t.Errorf("%s: Get after Set = %q, %v, %v; want a miss", name, v, ok, err)
		}
		if added, err := c.Add(ctx, "k", []byte("v"), time.Minute); !added || err != nil {
			t.Errorf("%s: Add = %v, %v; want true as Django's DummyCache", name, added, err)
		}
		if _, ok, _ := c.Get(ctx, "k"); ok {
			t.Errorf("%s: Get after Add hits", name)
		}
		if err := c.Delete(ctx, "k"); err != nil {
			t.Errorf("%s: Delete: %v", name, err)
		}
	}
}
