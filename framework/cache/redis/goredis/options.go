package goredis

import (
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/manouche-go/manouche/framework/cache"
)

// open is the registered [cache.Factory]: LOCATION is the server's URL,
// KEY_PREFIX the key prefix, OPTIONS the client settings of the package
// documentation.
func open(cfg cache.Config) (cache.Cache, error) {
	o, err := clientOptions(cfg.Location, cfg.Options)
	if err != nil {
		return nil, err
	}
	return New(Options{Client: o, KeyPrefix: cfg.KeyPrefix}), nil
}

// clientOptions parses LOCATION, then applies OPTIONS over it.
func clientOptions(location string, options map[string]any) (*goredis.Options, error) {
	if location == "" {
		return nil, errors.New("redis: LOCATION is empty, want a URL such as redis://127.0.0.1:6379/0")
	}
	o, err := goredis.ParseURL(location)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // url.Error repeats the URL, password included
		}
		return nil, fmt.Errorf("redis: LOCATION: %w", err)
	}
	o.ContextTimeoutEnabled = true
	o.DialerRetries = 1 // a refused dial fails fast; MaxRetries retries the command
	names := make([]string, 0, len(options))
	for k := range options {
		names = append(names, k)
	}
	sort.Strings(names) // tls is applied after insecure_skip_verify, so tls: false wins
	for _, k := range names {
		name := strings.ToLower(k)
		set, ok := optionSetters[name]
		if !ok {
			return nil, fmt.Errorf("redis: unknown OPTIONS key %q (accepted: %s)", k, strings.Join(optionNames(), ", "))
		}
		if err := set(o, options[k]); err != nil {
			return nil, fmt.Errorf("redis: OPTIONS %s: %w", name, err)
		}
	}
	return o, nil
}

// optionSetters apply one OPTIONS value each, by lower-case name.
var optionSetters = map[string]func(o *goredis.Options, v any) error{
	"pool_size":              intOption(func(o *goredis.Options, n int) { o.PoolSize = n }, 1),
	"max_connections":        intOption(func(o *goredis.Options, n int) { o.PoolSize = n }, 1),
	"min_idle_conns":         intOption(func(o *goredis.Options, n int) { o.MinIdleConns = n }, 0),
	"min_idle":               intOption(func(o *goredis.Options, n int) { o.MinIdleConns = n }, 0),
	"max_retries":            intOption(func(o *goredis.Options, n int) { o.MaxRetries = n }, -1),
	"dialer_retries":         intOption(func(o *goredis.Options, n int) { o.DialerRetries = n }, 1),
	"db":                     intOption(func(o *goredis.Options, n int) { o.DB = n }, 0),
	"dial_timeout":           durationOption(func(o *goredis.Options, d time.Duration) { o.DialTimeout = d }),
	"socket_connect_timeout": durationOption(func(o *goredis.Options, d time.Duration) { o.DialTimeout = d }),
	"read_timeout":           durationOption(func(o *goredis.Options, d time.Duration) { o.ReadTimeout = d }),
	"write_timeout":          durationOption(func(o *goredis.Options, d time.Duration) { o.WriteTimeout = d }),
	"socket_timeout": durationOption(func(o *goredis.Options, d time.Duration) {
		o.ReadTimeout, o.WriteTimeout = d, d
	}),
	"pool_timeout": durationOption(func(o *goredis.Options, d time.Duration) { o.PoolTimeout = d }),
	"username":     stringOption(func(o *goredis.Options, s string) { o.Username = s }),
	"password":     stringOption(func(o *goredis.Options, s string) { o.Password = s }),
	"tls": boolOption(func(o *goredis.Options, on bool) {
		switch {
		case !on:
			o.TLSConfig = nil
		case o.TLSConfig == nil:
			o.TLSConfig = newTLSConfig(o.Addr)
		}
	}),
	"insecure_skip_verify": boolOption(func(o *goredis.Options, on bool) {
		if on && o.TLSConfig == nil {
			o.TLSConfig = newTLSConfig(o.Addr)
		}
		if o.TLSConfig != nil {
			o.TLSConfig.InsecureSkipVerify = on
		}
	}),
	"client_class": ignored,
	"parser_class": ignored,
	"pool_class":   ignored,
}

func optionNames() []string {
	names := make([]string, 0, len(optionSetters))
	for k := range optionSetters {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func newTLSConfig(addr string) *tls.Config {
	host, _, _ := net.SplitHostPort(addr)
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// ignored accepts Django's class-path options, which name Python classes.
func ignored(*goredis.Options, any) error { return nil }

// intOption reads a whole number (YAML's int or float, or a string from
// the environment) of at least min.
func intOption(set func(*goredis.Options, int), min int) func(*goredis.Options, any) error {
	return func(o *goredis.Options, v any) error {
		f, ok := number(v)
		if !ok || f != math.Trunc(f) || f < float64(min) || f > math.MaxInt32 {
			return fmt.Errorf("got %T %v, want an integer of at least %d", v, v, min)
		}
		set(o, int(f))
		return nil
	}
}

// durationOption reads seconds (a number, as Django and redis-py take
// them) or a Go duration string such as "500ms"; 0 keeps the default.
func durationOption(set func(*goredis.Options, time.Duration)) func(*goredis.Options, any) error {
	return func(o *goredis.Options, v any) error {
		d, ok := duration(v)
		if !ok {
			return fmt.Errorf("got %T %v, want seconds (such as 0.5) or a duration (such as 500ms)", v, v)
		}
		set(o, d)
		return nil
	}
}

func duration(v any) (time.Duration, bool) {
	if f, ok := number(v); ok {
		return time.Duration(f * float64(time.Second)), f >= 0 && f < 1e9
	}
	if s, ok := v.(string); ok {
		d, err := time.ParseDuration(s)
		return d, err == nil && d >= 0
	}
	return 0, false
}

// stringOption reads a string. Its value is never repeated in errors: it
// may be a password.
func stringOption(set func(*goredis.Options, string)) func(*goredis.Options, any) error {
	return func(o *goredis.Options, v any) error {
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("got %T, want a string (quote it in YAML)", v)
		}
		set(o, s)
		return nil
	}
}

// boolOption reads a bool, or a string strconv.ParseBool accepts.
func boolOption(set func(*goredis.Options, bool)) func(*goredis.Options, any) error {
	return func(o *goredis.Options, v any) error {
		b, ok := v.(bool)
		if s, isString := v.(string); isString {
			var err error
			b, err = strconv.ParseBool(s)
			ok = err == nil
		}
		if !ok {
			return fmt.Errorf("got %T %v, want true or false", v, v)
		}
		set(o, b)
		return nil
	}
}

// number reads an int, int64, float64 or numeric string as a float64.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case float64:
		return v, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return 0, false
}
