package bot

import (
	"strings"

	"github.com/parley-newsroom/parley/internal/search"
)

// typeNote says that the coverage lacks the type of answer asked for;
// asked is what the question asks ("who led the delegation", "outlet"),
// or "".
func typeNote(t search.AnswerType, asked string) string {
	switch {
	case t == search.Time:
		return "The coverage doesn't say when."
	case t == search.Duration:
		return "The coverage doesn't say how long."
	case t == search.Quantity:
		return "The coverage doesn't give a figure for that."
	case strings.HasPrefix(asked, "who"):
		return "The coverage doesn't say " + asked + "."
	case asked != "" && t != search.Name:
		return "The coverage doesn't name the " + asked + "."
	case t == search.Place:
		return "The coverage doesn't say where."
	case t == search.Person:
		return "The coverage doesn't say who."
	case t == search.Name:
		return "The coverage doesn't give a name."
	}
	return "The coverage doesn't name one."
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
	case search.MissingNames, search.MostlyUnknown, search.MissingFocus:
		return "The coverage doesn't mention " + list(v.Missing) + "."
	case search.MissingSpeaker:
		return "The coverage doesn't report what " + list(v.Missing) + " said about that."
	case search.NoHits:
		return "The coverage doesn't address that question."
	case search.WeakEvidence:
		return "The coverage doesn't directly answer that; these are the closest passages."
	case search.MissingType:
		return typeNote(res.Wants, strings.Join(v.Missing, " "))
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
