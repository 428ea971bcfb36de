package redis

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

	"github.com/redis/rueidis"

	"github.com/manouche-go/manouche/framework/cache"
)

// open is the registered [cache.Factory]: LOCATION is the server's URL,
// KEY_PREFIX the key prefix, OPTIONS the client settings of the package
// documentation.
func open(cfg cache.Config) (cache.Cache, error) {
	o, err := parseConfig(cfg.Location, cfg.Options)
	if err != nil {
		return nil, err
	}
	o.KeyPrefix = cfg.KeyPrefix
	return New(o), nil
}

// parseConfig reads LOCATION, then the URL's query parameters and OPTIONS
// over it (OPTIONS win).
func parseConfig(location string, options map[string]any) (Options, error) {
	o, query, err := parseLocation(location)
	if err != nil {
		return Options{}, err
	}
	for k, vs := range query {
		if _, dup := options[k]; !dup && len(vs) > 0 {
			if err := applyOption(&o, k, vs[len(vs)-1]); err != nil {
				return Options{}, err
			}
		}
	}
	names := make([]string, 0, len(options))
	for k := range options {
		names = append(names, k)
	}
	sort.Strings(names) // tls is applied after insecure_skip_verify, so tls: false wins
	for _, k := range names {
		if err := applyOption(&o, k, options[k]); err != nil {
			return Options{}, err
		}
	}
	return o, nil
}

func applyOption(o *Options, k string, v any) error {
	name := strings.ToLower(k)
	set, ok := optionSetters[name]
	if !ok {
		return fmt.Errorf("redis: unknown OPTIONS key %q (accepted: %s)", k, strings.Join(optionNames(), ", "))
	}
	if err := set(o, v); err != nil {
		return fmt.Errorf("redis: OPTIONS %s: %w", name, err)
	}
	return nil
}

// parseLocation reads the four LOCATION forms of the package
// documentation and returns the URL's query parameters apart.
func parseLocation(location string) (Options, url.Values, error) {
	if location == "" {
		return Options{}, nil, errors.New("redis: LOCATION is empty, want a URL such as redis://127.0.0.1:6379/0")
	}
	u, err := url.Parse(location)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // url.Error repeats the URL, password included
		}
		return Options{}, nil, fmt.Errorf("redis: LOCATION: %w", err)
	}
	c := &rueidis.ClientOption{}
	o := Options{Client: c}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	switch u.Scheme {
	case "redis", "rediss":
		c.ForceSingleClient = true
		err = parseSingle(c, u)
	case "unix":
		c.ForceSingleClient = true
		c.InitAddress = []string{u.Path}
		c.DialCtxFn = dialUnix
	case "redis+sentinel", "rediss+sentinel":
		err = parseSentinel(c, u)
	case "redis+cluster", "rediss+cluster":
		c.InitAddress, err = hostList(u.Host)
		if err == nil && strings.Trim(u.Path, "/") != "" && strings.Trim(u.Path, "/") != "0" {
			err = errors.New("a cluster has only database 0")
		}
	default:
		err = fmt.Errorf("invalid URL scheme %q (want redis, rediss, unix, redis+sentinel or redis+cluster)", u.Scheme)
	}
	if err != nil {
		return Options{}, nil, fmt.Errorf("redis: LOCATION: %w", err)
	}
	if strings.HasPrefix(u.Scheme, "rediss") {
		c.TLSConfig = newTLSConfig(c.InitAddress[0])
	}
	return o, u.Query(), nil
}

// parseSingle reads redis://host[:port][/db].
func parseSingle(c *rueidis.ClientOption, u *url.URL) error {
	host := u.Host
	if host == "" {
		host = "localhost"
	}
	if u.Port() == "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), "6379")
	}
	c.InitAddress = []string{host}
	db, err := database(strings.TrimPrefix(u.Path, "/"))
	c.SelectDB = db
	return err
}

// parseSentinel reads redis+sentinel://host:port,host:port/master[/db]:
// the sentinels, then the name of the master set they watch.
func parseSentinel(c *rueidis.ClientOption, u *url.URL) error {
	addrs, err := hostList(u.Host)
	if err != nil {
		return err
	}
	master, db, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	if master == "" {
		return errors.New("a sentinel LOCATION names the master set: redis+sentinel://host:port,host:port/mymaster/0")
	}
	c.InitAddress = addrs
	c.Sentinel.MasterSet = master
	c.SelectDB, err = database(db)
	return err
}

// hostList splits "host:port,host:port"; the port defaults to 6379
// (26379 is Sentinel's usual port: write it).
func hostList(s string) ([]string, error) {
	var addrs []string
	for h := range strings.SplitSeq(s, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(h); err != nil {
			h = net.JoinHostPort(strings.Trim(h, "[]"), "6379")
		}
		addrs = append(addrs, h)
	}
	if len(addrs) == 0 {
		return nil, errors.New("no host:port in the list")
	}
	return addrs, nil
}

func database(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errors.New("invalid database number")
	}
	return n, nil
}

// optionSetters apply one OPTIONS value each, by lower-case name.
var optionSetters = map[string]func(o *Options, v any) error{
	// go-redis's pool knobs: rueidis pipelines on a few connections and
	// keeps a pool only for blocking commands (WAIT).
	"pool_size":       intOption(func(o *Options, n int) { o.Client.BlockingPoolSize = n }, 1),
	"max_connections": intOption(func(o *Options, n int) { o.Client.BlockingPoolSize = n }, 1),
	"min_idle_conns":  intOption(func(*Options, int) {}, 0),
	"min_idle":        intOption(func(*Options, int) {}, 0),
	"dialer_retries":  intOption(func(*Options, int) {}, 1),
	"pool_timeout":    durationOption(func(*Options, time.Duration) {}),
	"max_retries": intOption(func(o *Options, n int) {
		o.Client.DisableRetry, o.MaxRetries = n <= 0, n
		if n == 0 {
			o.MaxRetries = -1
		}
	}, -1),
	"db": intOption(func(o *Options, n int) {
		o.Client.SelectDB = n
	}, 0),
	"dial_timeout":           durationOption(func(o *Options, d time.Duration) { o.Client.Dialer.Timeout = d }),
	"socket_connect_timeout": durationOption(func(o *Options, d time.Duration) { o.Client.Dialer.Timeout = d }),
	"read_timeout":           durationOption(connTimeout),
	"write_timeout":          durationOption(connTimeout),
	"socket_timeout":         durationOption(connTimeout),
	"username":               stringOption(func(o *Options, s string) { o.Client.Username = s }),
	"password":               stringOption(func(o *Options, s string) { o.Client.Password = s }),
	"sentinel_username":      stringOption(func(o *Options, s string) { o.Client.Sentinel.Username = s }),
	"sentinel_password":      stringOption(func(o *Options, s string) { o.Client.Sentinel.Password = s }),
	"tls": boolOption(func(o *Options, on bool) {
		switch {
		case !on:
			o.Client.TLSConfig = nil
		case o.Client.TLSConfig == nil:
			o.Client.TLSConfig = newTLSConfig(o.Client.InitAddress[0])
		}
	}),
	"insecure_skip_verify": boolOption(func(o *Options, on bool) {
		if on && o.Client.TLSConfig == nil {
			o.Client.TLSConfig = newTLSConfig(o.Client.InitAddress[0])
		}
		if o.Client.TLSConfig != nil {
			o.Client.TLSConfig.InsecureSkipVerify = on
		}
	}),
	"near_cache":      boolOption(func(o *Options, on bool) { o.NearCache = on }),
	"near_cache_ttl":  durationOption(func(o *Options, d time.Duration) { o.NearCacheTTL = d }),
	"near_cache_size": intOption(func(o *Options, n int) { o.NearCacheSize = n }, 1<<16),
	"wait_replicas":   intOption(func(o *Options, n int) { o.WaitReplicas = n }, 0),
	"wait_timeout":    durationOption(func(o *Options, d time.Duration) { o.WaitTimeout = d }),
	"client_class":    ignored,
	"parser_class":    ignored,
	"pool_class":      ignored,
}

// connTimeout sets rueidis's one read/write timeout: the longest of the
// read, write and socket timeouts given.
func connTimeout(o *Options, d time.Duration) {
	o.Client.ConnWriteTimeout = max(o.Client.ConnWriteTimeout, d)
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
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// ignored accepts Django's class-path options, which name Python classes.
func ignored(*Options, any) error { return nil }

// intOption reads a whole number (YAML's int or float, or a string from
// the environment) of at least min.
func intOption(set func(*Options, int), min int) func(*Options, any) error {
	return func(o *Options, v any) error {
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
func durationOption(set func(*Options, time.Duration)) func(*Options, any) error {
	return func(o *Options, v any) error {
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
func stringOption(set func(*Options, string)) func(*Options, any) error {
	return func(o *Options, v any) error {
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("got %T, want a string (quote it in YAML)", v)
		}
		set(o, s)
		return nil
	}
}

// boolOption reads a bool, or a string strconv.ParseBool accepts.
func boolOption(set func(*Options, bool)) func(*Options, any) error {
	return func(o *Options, v any) error {
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
