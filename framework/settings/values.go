package settings

import (
	"reflect"
	"strings"
	"time"
	"unicode"
)

// Value is one setting by its Django name, as [Settings.Values] lists it.
type Value struct {
	// Name is the setting's Django name ("SESSION_COOKIE_AGE").
	Name string
	// Value is the setting's value in plain Go data: a string, bool,
	// int, int64, float64 (durations, in seconds), []string, or a
	// map[string]any with Django's upper-case keys for DATABASES, CACHES
	// and TEMPLATES entries.
	Value any
}

// Values returns every setting of s by its Django name, in schema order
// (Django's dir(settings), for the DEBUG error page). Values are not
// cleansed: secrets such as SECRET_KEY are returned as they are, so the
// caller must hide them before showing them anywhere.
func (s *Settings) Values() []Value {
	v := reflect.ValueOf(s).Elem()
	out := make([]Value, 0, len(fields))
	for _, f := range fields {
		if fv, ok := fieldByName(v, f.name); ok {
			out = append(out, Value{Name: f.name, Value: plain(fv)})
		}
	}
	return out
}

// fieldByName finds the struct field of a Django name, comparing without
// underscores and case (SESSION_COOKIE_HTTPONLY is SessionCookieHTTPOnly),
// in v and the structs it embeds.
func fieldByName(v reflect.Value, name string) (reflect.Value, bool) {
	want := strings.ReplaceAll(strings.ToLower(name), "_", "")
	var found reflect.Value
	ok := false
	walk(v, func(f reflect.StructField, fv reflect.Value) {
		if !ok && strings.ToLower(f.Name) == want {
			found, ok = fv, true
		}
	})
	return found, ok
}

// walk calls fn for each exported field of the struct v, descending into
// embedded structs.
func walk(v reflect.Value, fn func(reflect.StructField, reflect.Value)) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case !f.IsExported():
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			walk(v.Field(i), fn)
		default:
			fn(f, v.Field(i))
		}
	}
}

// plain converts a settings value into plain data (see [Value]).
func plain(v reflect.Value) any {
	if d, ok := v.Interface().(time.Duration); ok {
		return d.Seconds()
	}
	switch v.Kind() {
	case reflect.Map:
		m := make(map[string]any, v.Len())
		for _, k := range v.MapKeys() {
			m[k.String()] = plain(v.MapIndex(k))
		}
		return m
	case reflect.Struct:
		m := map[string]any{}
		walk(v, func(f reflect.StructField, fv reflect.Value) { m[djangoKey(f.Name)] = plain(fv) })
		return m
	case reflect.Slice:
		if v.IsNil() {
			return []string{}
		}
	}
	return v.Interface()
}

// djangoKey spells a Go field name as Django's key: KeyPrefix is
// KEY_PREFIX, URL stays URL.
func djangoKey(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		lowerNext := i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || lowerNext) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
