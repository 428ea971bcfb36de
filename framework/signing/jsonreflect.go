package signing

import (
	"reflect"
	"slices"
	"strconv"
)

// appendReflect encodes named basic types, typed slices, arrays and maps with
// string keys; everything else is an *UnsupportedTypeError.
func appendReflect(b []byte, v any, depth int) ([]byte, error) {
	rv := reflect.ValueOf(v)
	t := rv.Type()
	if t.NumMethod() > 0 {
		return b, &UnsupportedTypeError{Type: t}
	}
	switch t.Kind() {
	case reflect.Bool:
		return strconv.AppendBool(b, rv.Bool()), nil
	case reflect.String:
		return appendString(b, rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, rv.Uint(), 10), nil
	case reflect.Float32:
		return appendFloat(b, rv.Float(), 32)
	case reflect.Float64:
		return appendFloat(b, rv.Float(), 64)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return b, &UnsupportedTypeError{Type: t}
		}
		return appendReflectList(b, rv, depth)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return b, &UnsupportedTypeError{Type: t}
		}
		return appendReflectMap(b, rv, depth)
	}
	return b, &UnsupportedTypeError{Type: t}
}

func appendReflectList(b []byte, rv reflect.Value, depth int) ([]byte, error) {
	b = append(b, '[')
	for i := range rv.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendValue(b, rv.Index(i).Interface(), depth); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendReflectMap(b []byte, rv reflect.Value, depth int) ([]byte, error) {
	keys := rv.MapKeys()
	slices.SortFunc(keys, func(x, y reflect.Value) int {
		switch xs, ys := x.String(), y.String(); {
		case xs < ys:
			return -1
		case xs > ys:
			return 1
		}
		return 0
	})
	b = append(b, '{')
	for i, k := range keys {
		var err error
		if b, err = appendMember(b, i, k.String(), rv.MapIndex(k).Interface(), depth); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}
