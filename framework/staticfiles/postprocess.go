package staticfiles

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// postProcess computes the hashed name of every file, given by name with
// its content (Django's HashedFilesMixin.post_process), and the rewritten
// content of the CSS files, whose URLs name their targets' hashed names.
// A CSS file's hash is that of its rewritten content, so it is computed
// after the files it refers to: Django repeats passes until nothing
// changes, which ends with the same names. A reference to a file that is
// not there, or CSS files that refer to each other, are errors, as in
// Django.
func postProcess(files map[string][]byte, staticURL string) (hashed map[string]string, rewritten map[string][]byte, err error) {
	hashed = make(map[string]string, len(files))
	var css []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if adjustable(name) {
			css = append(css, name)
			continue
		}
		hashed[name] = HashedName(name, files[name])
	}
	order, err := cssOrder(css, files, staticURL)
	if err != nil {
		return nil, nil, err
	}
	rewritten = make(map[string][]byte, len(css))
	for _, name := range order {
		content, err := rewrite(name, files[name], staticURL, hashed)
		if err != nil {
			return nil, nil, err
		}
		rewritten[name] = content
		hashed[name] = HashedName(name, content)
	}
	return hashed, rewritten, nil
}

// cssOrder orders the CSS files so that each comes after the CSS files
// it refers to (depth first), or reports a cycle.
func cssOrder(css []string, files map[string][]byte, staticURL string) ([]string, error) {
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var order []string
	var visit func(name string, chain []string) error
	visit = func(name string, chain []string) error {
		switch state[name] {
		case done:
			return nil
		case visiting:
			return fmt.Errorf("staticfiles: CSS files refer to each other (%s): their hashed names cannot be computed (Django: Max post-process passes exceeded)",
				strings.Join(append(chain, name), " -> "))
		}
		state[name] = visiting
		for _, ref := range references(name, files[name], staticURL) {
			if _, ok := files[ref]; ok && adjustable(ref) {
				if err := visit(ref, append(chain, name)); err != nil {
					return err
				}
			}
		}
		state[name] = done
		order = append(order, name)
		return nil
	}
	for _, name := range css {
		if err := visit(name, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}
