package search

// Fitted returns Parley's weights. The numbers were chosen by hand on the
// dev question set and Parley's own paraphrase set; they are replaced by
// the fitting program's output (go run ./internal/eval/fit -write).
func Fitted() Weights {
	return Weights{
		Coverage: 0.3, Sentence: 0.5, Heading: 0.2, Bleve: 0.2,
		Alias: 0.8, Variant: 0.7,
		EntityFloor: 0.7, EntityWeight: 2.5,
		Promo: 0.2, AnswerType: 1.3, Lead: 1.03, Gist: 1.3,
		Section: 0.6, Title: 0.15, Exact: 0.3, Phrase: 1.0, AliasBoost: 0.4, LexicalBoost: 0.2,
		Lexical: 0.4, Synonym: 1.0, Derived: 1.0, Pertainym: 1.0, Hypernym: 0.5, SenseDecay: 0.8, ExpandKnown: 0.3, Generality: 0.2, Adverb: 0.5,
		MinKnownShare: 0.5, MinEvidence: 0.25, TypeShare: 0.3333, EverydayShare: 1.0, ClosestShare: 0.25,
	}
}
