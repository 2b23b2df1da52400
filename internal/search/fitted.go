package search

// Fitted returns Parley's weights, as written by
//
//	go run ./internal/eval/fit -fit a,b -gain 0.015 -report ... -write
//
// which fits them by coordinate ascent on those question sets (see the
// program's doc), keeping a change only when it wins about two questions
// of a set. On sets they were not fitted on, at the time of fitting:
//
//	dev    Hit@1 0.967  Hit@3 1.000  MRR@10 0.983  answered 30/30  refused 5/5
//	paraphrases Hit@1 0.800  Hit@3 0.933  MRR@10 0.860  answered 29/30  refused 10/11
//	blind-a Hit@1 0.816  Hit@3 0.947  MRR@10 0.877  answered 37/38  refused 10/12
//	blind-b Hit@1 0.743  Hit@3 0.886  MRR@10 0.820  answered 33/35  refused 9/10
func Fitted() Weights {
	return Weights{
		Coverage:      0.3,
		Sentence:      0.5,
		Heading:       0.2,
		Bleve:         0.2,
		Alias:         0.8,
		Variant:       0.7,
		EntityFloor:   0.7,
		EntityWeight:  2.5,
		Promo:         0.2,
		AnswerType:    1.3,
		Lead:          1.03,
		Gist:          1.3,
		Recency:       0.03,
		Latest:        0.3,
		Period:        1.5,
		Section:       0.6,
		Exact:         0.3,
		Phrase:        1.0,
		AliasBoost:    0.4,
		LexicalBoost:  0.2,
		Generality:    0.2,
		Adverb:        0.5,
		Lexical:       0.4,
		Synonym:       1.0,
		Derived:       1.0,
		Pertainym:     1.0,
		Hypernym:      0.5,
		SenseDecay:    0.8,
		ExpandKnown:   0.3,
		MinKnownShare: 0.5,
		MinEvidence:   0.25,
		ClosestShare:  0.25,
		EverydayShare: 1.0,
		TypeShare:     0.3333,
	}
}
