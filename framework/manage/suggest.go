package manage

import "strings"

// Suggest returns the candidate nearest to name, for a "Did you mean ...?"
// hint (Django uses difflib.get_close_matches for the same purpose), or ""
// when none is reasonably close.
//
// Nearness is the optimal-string-alignment Damerau-Levenshtein distance,
// ignoring case: insertions, deletions, substitutions and transpositions of
// adjacent letters each count 1, so "migarte" is 1 away from "migrate". A
// candidate is close enough when its distance is at most one third of the
// length of name (at least 1, at most 3). Ties go to the candidate that
// sorts first.
func Suggest(name string, candidates []string) string {
	limit := min(max(len([]rune(name))/3, 1), 3)
	best, bestDist := "", limit+1
	lower := strings.ToLower(name)
	for _, c := range candidates {
		d := distance(lower, strings.ToLower(c))
		if d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// distance returns the optimal-string-alignment distance between a and b,
// counted in runes.
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// d[i][j] is the distance between s[:i] and t[:j]; three rows suffice.
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
