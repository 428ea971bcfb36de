package templates

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// DefaultFuncs returns the functions every engine has, a small part of
// Django's built-in filters. The map is new on each call.
//
//   - default: << .Name | default "anonymous" >> is the value, or the
//     default when the value is false, zero, nil or empty (Django's
//     |default).
//   - join: << .Tags | join ", " >> joins the elements of a slice or array,
//     each printed as with fmt.Sprint (Django's |join).
func DefaultFuncs() template.FuncMap {
	return template.FuncMap{
		"default": defaultFunc,
		"join":    joinFunc,
	}
}

// defaultFunc is Django's |default filter: v unless v is false in the
// sense of {{if}}, then def.
func defaultFunc(def, v any) any {
	if ok, _ := template.IsTrue(v); ok {
		return v
	}
	return def
}

// joinFunc is Django's |join filter over any slice or array.
func joinFunc(sep string, list any) (string, error) {
	if list == nil {
		return "", nil
	}
	if ss, ok := list.([]string); ok {
		return strings.Join(ss, sep), nil
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return "", fmt.Errorf("join: cannot join a %T", list)
	}
	parts := make([]string, v.Len())
	for i := range parts {
		parts[i] = fmt.Sprint(v.Index(i).Interface())
	}
	return strings.Join(parts, sep), nil
}
