package bot

import (
	"strings"

	"github.com/parley-newsroom/parley/internal/search"
)

// typeNote says that the coverage lacks the type of answer asked for.
var typeNote = map[search.AnswerType]string{
	search.Time:     "The coverage doesn't say when.",
	search.Duration: "The coverage doesn't say how long.",
	search.Quantity: "The coverage doesn't give a figure for that.",
}

// note returns the sentence that tells a reader why the coverage does not
// answer, or "" when it does.
func note(res *search.Result) string {
	v := res.Verdict
	switch v.Reason {
	case search.Answers:
		return ""
	case search.NotAQuestion:
		return "That doesn't look like a question about the coverage. Try asking about the talks, the roadmap or the people involved."
	case search.MissingNames, search.MostlyUnknown:
		return "The coverage doesn't mention " + list(v.Missing) + "."
	case search.NoHits:
		return "The coverage doesn't address that question."
	case search.WeakEvidence:
		return "The coverage doesn't directly answer that; these are the closest passages."
	case search.MissingType:
		return typeNote[res.Wants]
	}
	return defaultNote
}

// list joins items as "a", "a or b", "a, b or c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return "what you asked about"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
