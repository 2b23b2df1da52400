package search

import "unicode/utf8"

// correct returns the corpus word that w is most likely a typo of: one edit
// away (two for long words), same first letter; or "" when there is none.
func (ix *Index) correct(w string) string {
	n := utf8.RuneCountInString(w)
	if n < 5 || everyday(ix.lexicon, w) {
		return ""
	}
	limit := 1
	if n >= 8 {
		limit = 2
	}
	best, bestCount := "", 0
	for v, count := range ix.vocabulary {
		if v[0] != w[0] || abs(len(v)-len(w)) > limit || editDistance(w, v, limit) > limit {
			continue
		}
		if count > bestCount || count == bestCount && v < best {
			best, bestCount = v, count
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions, swaps of neighbours), or limit+1
// once it is sure to exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
