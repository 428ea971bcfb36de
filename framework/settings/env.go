package settings

import (
	"sort"
	"strings"
)

// EnvPrefix starts every environment variable that overrides a setting.
const EnvPrefix = "MANOUCHE_"

// notSettings are MANOUCHE_ variables that are not settings (RUNSERVER_FD
// is runserver's autoreloader talking to its child); variables starting
// with MANOUCHE_TEST_ (test services) are not settings either.
var notSettings = map[string]bool{"SETTINGS": true, "REQUIRE_SERVICES": true, "REQUIRE_BROWSER": true, "RUNSERVER_FD": true}

// applyEnv writes every MANOUCHE_<NAME> variable of environ into the raw
// tree, as a string, at the path the package doc's rule resolves. It
// returns a warning for each variable that names no setting.
func applyEnv(raw map[string]any, environ []string) []string {
	var warnings []string
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		key := strings.ToUpper(strings.TrimPrefix(name, EnvPrefix))
		if notSettings[key] || strings.HasPrefix(key, "TEST_") {
			continue
		}
		path := resolveEnv(raw, key)
		if path == nil {
			warnings = append(warnings, "settings: unknown setting "+key+" ignored (environment variable "+name+")")
			continue
		}
		insert(raw, path, value)
	}
	return warnings
}

// resolveEnv turns an upper-case variable name without its prefix into a
// lower-case path in the raw tree, or nil if it names no setting.
func resolveEnv(raw map[string]any, key string) []string {
	if f, ok := lookupField(key); ok {
		return []string{strings.ToLower(f.name)}
	}
	top, rest, ok := strings.Cut(key, "_")
	if !ok || rest == "" {
		return nil
	}
	var entryKeys []string
	switch top {
	case "TEMPLATES":
		if rest == "DIRS" {
			return []string{"templates", "dirs"}
		}
		return nil
	case "DATABASES":
		entryKeys = databaseKeys
	case "CACHES":
		entryKeys = cacheKeys
	default:
		return nil
	}
	top = strings.ToLower(top)
	aliases := existingAliases(raw[top])
	if p := resolveEntry(rest, aliases, entryKeys); p != nil {
		return append([]string{top}, p...)
	}
	return nil
}

// existingAliases lists the aliases of DATABASES or CACHES present in the
// file or the defaults, longest first.
func existingAliases(v any) []string {
	seen := map[string]bool{"default": true}
	if m, ok := v.(map[string]any); ok {
		for k := range m {
			seen[k] = true
		}
	}
	aliases := sortedKeys(seen)
	sort.SliceStable(aliases, func(i, j int) bool { return len(aliases[i]) > len(aliases[j]) })
	return aliases
}

// resolveEntry splits ALIAS_KEY (or ALIAS_OPTIONS_NAME): first against the
// known aliases, longest first; then as a new alias, which ends at the first
// _OPTIONS_ or else before the known key that ends rest.
func resolveEntry(rest string, aliases, entryKeys []string) []string {
	for _, a := range aliases {
		if after, ok := strings.CutPrefix(rest, strings.ToUpper(a)+"_"); ok {
			if p := entryPath(after, entryKeys); p != nil {
				return append([]string{a}, p...)
			}
		}
	}
	if alias, opt, ok := strings.Cut(rest, "_OPTIONS_"); ok && alias != "" && opt != "" {
		return []string{strings.ToLower(alias), "options", strings.ToLower(opt)}
	}
	for _, k := range entryKeys {
		if alias, ok := strings.CutSuffix(rest, "_"+k); ok && alias != "" {
			return []string{strings.ToLower(alias), strings.ToLower(k)}
		}
	}
	return nil
}

// entryPath resolves what follows the alias: a known key or OPTIONS_NAME.
func entryPath(s string, entryKeys []string) []string {
	for _, k := range entryKeys {
		if s == k {
			return []string{strings.ToLower(k)}
		}
	}
	if opt, ok := strings.CutPrefix(s, "OPTIONS_"); ok && opt != "" {
		return []string{"options", strings.ToLower(opt)}
	}
	return nil
}

// insert sets a value at path in the raw tree, making mappings on the way;
// a value of another type on the way is replaced (the environment wins).
func insert(m map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		sub, ok := m[k].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[k] = sub
		}
		m = sub
	}
	m[path[len(path)-1]] = v
}
