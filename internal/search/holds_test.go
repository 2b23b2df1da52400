package search

import (
	"context"
	"strings"
	"testing"
)

// emptyIndex returns an index of no passages that knows English: for
// reading sentences as the verdict does.
func emptyIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := New(context.Background(), nil, Options{Lexicon: testLexicon(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// A sentence answers a question for a person, a place or a group only
// with a name or a word for one that the question does not already hold;
// a name that merely says what the noun after it is ("European foreign
// ministers", "US-Iran talks") is no name given as an answer.
func TestCandidate(t *testing.T) {
	ix := emptyIndex(t)
	tests := []struct {
		t        AnswerType
		sentence string
		asked    []string // stems the question holds
		want     candidateKind
	}{
		{Person, "Al Busaidi, an Omani official, stated on Monday that talks went well.", []string{"talk"}, nameCandidate},
		{Person, "The first round of formal US-Iran talks has concluded with what mediators describe as progress.", []string{"iran", "round"}, roleCandidate},
		{Name, "The first round of formal US-Iran talks has concluded.", []string{"iran", "round"}, noCandidate},
		{Name, "Iran’s top diplomat was meeting on Friday in Geneva with European foreign ministers.", []string{"iran", "geneva"}, noCandidate},
		{Person, "Iran’s top diplomat was meeting on Friday in Geneva with European foreign ministers.", []string{"iran", "geneva"}, roleCandidate},
		{Group, "Radio Free Europe/Radio Liberty reported on the warning.", []string{"warn"}, nameCandidate},
		{Place, "The two sides will meet in Rome for their fifth round.", []string{"round"}, nameCandidate},
		{Person, "BBC reported that the talks went well.", []string{"talk"}, noCandidate},
		{Person, "Talks went well, the New York Times noted.", []string{"talk"}, noCandidate},
		{Place, "The two sides will meet for their fifth round.", []string{"round"}, noCandidate},
		{Person, "Israel and Iran traded accusations in the Security Council.", []string{"israel", "iran", "accus"}, nameCandidate},
		{Person, "A breakthrough could lead to a halt of Iran's nuclear enrichment.", []string{"lead", "team"}, roleCandidate},
		{Group, "A breakthrough could lead to a halt of Iran's nuclear enrichment.", []string{"lead", "team"}, nameCandidate},
		{Person, "Oman mediated the talks.", []string{"mediat", "talk"}, roleCandidate},
		{Person, "The US-Iran talks were hosted at a hotel.", []string{"host", "talk"}, noCandidate},
		{Person, "Qatar reported that the talks were hosted at a hotel.", []string{"host", "talk"}, noCandidate},
	}
	for _, tt := range tests {
		asked := newSet(tt.asked)
		if got := ix.candidate(tt.t, tt.sentence, asked, tt.t != Person); got != tt.want {
			t.Errorf("candidate(%v, %q) = %v; want %v", tt.t, tt.sentence, got, tt.want)
		}
	}
}

// A question for a time is answered by a time the question does not
// already name, outside a name ("Good Friday Agreement" states no day),
// in a passage that holds the names the question is about; one for
// someone's position, by what they said.
func TestWhatIsAskedOnTheCorpus(t *testing.T) {
	ix := realIndex(t, "")
	tests := []struct {
		question string
		want     Reason
	}{
		{"When were the Camp David Accords signed?", MissingType},
		{"When did the Good Friday Agreement take shape?", MissingType},
		{"When did Prince Khalid bin Salman meet Khamenei?", Answers},
		// A time in a passage about someone else than who is asked about.
		{"When did Al Busaidi meet Khamenei?", MissingType},
		{"When did Farahani meet Prince Khalid?", MissingType},
		// A role is who did what is asked only where the sentence says so,
		// as written or in the word's family.
		{"who led the US delegation in the first round?", MissingType},
		{"Who reported on the first round?", Answers},
		// The owner of a role the question names is the answer.
		{"Who met European foreign ministers in Geneva?", Answers},
		{"Who may undermine the negotiations?", Answers},
		// A position asked of someone is what they said or think.
		{"Hezbollah's position on the roadmap?", MissingSpeaker},
		{"What is Iran's position on sanctions relief?", Answers},
		// However long the speaker's name and title run.
		{"What has Saudi Arabia's Defense Minister Prince Khalid bin Salman said about the roadmap?", MissingSpeaker},
		{"What has the Omani official Al Busaidi said about the talks?", Answers},
		{"When did the first round of formal talks conclude?", Answers},
	}
	for _, tt := range tests {
		r, err := ix.Search(context.Background(), tt.question, 3)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Verdict.Reason; got != tt.want {
			t.Errorf("Search(%q): reason %v; want %v", tt.question, got, tt.want)
		}
	}
}

func TestInName(t *testing.T) {
	ix := emptyIndex(t)
	tests := []struct {
		sentence, word string
		want           bool
	}{
		{"They signed the Good Friday Agreement in Northern Ireland.", "Friday", true},
		{"It was the Good Friday Agreement.", "Friday", true},
		{"Friday Prayers drew crowds.", "Friday", true},
		{"The ministers met on Friday, April 17, 2025.", "Friday", false},
		{"Friday was quiet.", "Friday", false},
		{"Talks resumed in June after a pause.", "June", false},
		// A name or a time beside it makes no name of it.
		{"They met in Muscat on Saturday April 12.", "Saturday", false},
		{"On Sunday Araghchi told state television the talks went well.", "Sunday", false},
		{"Araghchi told CNN Sunday that talks went well.", "Sunday", false},
		{"Trump's Friday deadline passed.", "Friday", false},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.word)
		if got := ix.inName(tt.sentence, i, i+len(tt.word)); got != tt.want {
			t.Errorf("inName(%q, %q) = %v; want %v", tt.sentence, tt.word, got, tt.want)
		}
	}
}
