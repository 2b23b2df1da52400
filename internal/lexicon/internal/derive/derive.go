// Package derive builds the lexicon's tables, words.txt and related.txt,
// from a WordNet 3.0 database and a corpus. Only the generator (go
// generate ./internal/lexicon) and the lexicon's -update test use it: the
// parley program reads the tables it wrote, never WordNet.
package derive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/lexicon"
)

// DefaultDir is where Debian's wordnet-base installs WordNet 3.0.
const DefaultDir = "/usr/share/wordnet"

// ErrNoWordNet reports a folder without a WordNet database.
var ErrNoWordNet = errors.New("WordNet 3.0 not found")

// The names of the tables in the lexicon's folder.
const (
	WordsFile   = "words.txt"
	RelatedFile = "related.txt"
)

// Files are the text of the two tables.
type Files struct {
	Words, Related []byte
}

// Generate builds the tables from the WordNet database in wordnetDir for
// corpus c and writes them into outDir.
func Generate(wordnetDir, outDir string, c *corpus.Corpus) error {
	f, err := Build(wordnetDir, c)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, WordsFile), f.Words, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, RelatedFile), f.Related, 0o644)
}

// Build builds the tables from the WordNet database in dir for corpus c.
// The same database and corpus give the same bytes.
func Build(dir string, c *corpus.Corpus) (*Files, error) {
	db, err := open(dir)
	if err != nil {
		return nil, err
	}
	records, err := db.words()
	if err != nil {
		return nil, err
	}
	words := db.header(lexicon.WordsFormat, "", wordsColumns+rootsList()) + strings.Join(records, "")
	vocab := lexicon.NewVocabulary(c)
	relatedHead := db.header(lexicon.RelatedFormat, vocab.Fingerprint(), relatedColumns)
	// The generated morphology finds the corpus's inflected forms, exactly
	// as the program will.
	lex, err := lexicon.Parse(words, relatedHead)
	if err != nil {
		return nil, fmt.Errorf("read back %s: %w", WordsFile, err)
	}
	links, err := db.related(vocab, inflections(vocab, lex))
	if err != nil {
		return nil, err
	}
	related := relatedHead + strings.Join(links, "")
	if _, err := lexicon.Parse(words, related); err != nil {
		return nil, fmt.Errorf("read back %s: %w", RelatedFile, err)
	}
	return &Files{Words: []byte(words), Related: []byte(related)}, nil
}

// What the columns of each table are, for its header.
const (
	wordsColumns = `Every WordNet lemma that is a single word (lower-cased; hyphenated words
included), and every such form in WordNet's exception lists:
  word <TAB> flags <TAB> parts of speech <TAB> classes <TAB> frequency [<TAB> base forms]
flags: l written in lower case in some synset, c capitalised in some
synset, n its commonest noun sense capitalised, s a speech verb (one of
its first 3 verb senses is one of the speech synsets below or under
one); - for a form that is only in the exception lists. Parts of speech:
n noun, v verb, a adjective, r adverb. Classes: those of the word's
first 2 noun senses, in this order: p person, l place, g group, t time,
q quantity; a capital when its first noun sense has the class, - for
none. Frequency: how often the SemCor corpus tags the word's senses, in
all parts of speech, the sum of cntlist.rev's tag counts (with those of
senses older than 3.0, but not of a lemma 3.0 lacks in that part of
speech); 0 for none. Base forms, from the exception lists: pos:base,
comma-separated.
A sense has a class when its synset is one of the class's synsets below
or is under one, through hypernyms and instance hypernyms (Rome, a
national capital), where the walk up each path stops at the first of the
synsets below it meets: a time, though WordNet's times are measures, is
not also a quantity. The synsets (NLTK name, offset):`
	relatedColumns = `For each WordNet lemma (lower-cased, words joined by spaces), the words and
phrases of the corpus that its first 3 senses in each part of speech
link to:
  key <TAB> target <TAB> relation <TAB> part of speech <TAB> sense
relation: syn same synset, der derivationally related form, pert pertainym
(an adjective's noun; an adverb's adjective), hyper direct hypernym.
part of speech: that of the key's sense, n noun, v verb, a adjective
(satellites included), r adverb. sense: the rank, 1 to 3, of the key's
sense in its part of speech (the commonest that gives the link). A
target is as the corpus writes it: where the corpus lacks WordNet's base
form, its inflected forms stand in. The corpus line above is the
fingerprint of the corpus vocabulary the table was built for.`
)

// header returns a table's header: WordNet's licence, which its copies
// must carry, the generated-file notice, the format, the corpus
// fingerprint (if any) and what the columns are.
func (db *database) header(format, corpus, columns string) string {
	var b strings.Builder
	for _, l := range db.licence {
		b.WriteString(strings.TrimRight("# "+l, " ") + "\n")
	}
	b.WriteString("#\n# Code generated by go generate ./internal/lexicon from WordNet 3.0; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "# format: %s\n", format)
	if corpus != "" {
		fmt.Fprintf(&b, "# corpus: %s\n", corpus)
	}
	b.WriteString("#\n")
	for l := range strings.Lines(columns) {
		b.WriteString("# " + strings.TrimSuffix(l, "\n") + "\n")
	}
	return b.String()
}
