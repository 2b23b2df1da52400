package derive

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/fluhus/gostuff/nlp/wordnet"
)

// database is the part of WordNet 3.0 the tables are built from.
type database struct {
	wn *wordnet.WordNet
	// lemmas are every lemma of the index files, senses in WordNet's order.
	lemmas []lemma
	// exceptions maps a part of speech and an inflected form to its base
	// forms, as the exception lists give them.
	exceptions map[byte]map[string][]string
	// tags maps a part of speech and a lemma ("vtake", "nline") to how
	// often SemCor tags its senses of that part of speech, as cntlist.rev
	// gives the counts.
	tags map[string]int
	// licence is WordNet's licence as its files state it, one line a line.
	licence []string
}

// A lemma is one line of an index file: a lower-cased word or phrase
// (words joined by spaces) and the synsets of its senses in one part of
// speech, commonest first.
type lemma struct {
	key     string
	pos     byte     // n, v, a or r
	synsets []string // the gostuff reader's synset IDs: pos and offset
}

// posFile names the index file and the exception list of a part of speech.
type posFile struct {
	pos        byte
	index, exc string
}

// posFiles returns the files of each part of speech, in the order of
// lexicon's parts of speech.
func posFiles() []posFile {
	return []posFile{
		{'n', "index.noun", "noun.exc"},
		{'v', "index.verb", "verb.exc"},
		{'a', "index.adj", "adj.exc"},
		{'r', "index.adv", "adv.exc"},
	}
}

// open reads the WordNet database in dir.
func open(dir string) (*database, error) {
	if _, err := os.Stat(filepath.Join(dir, "data.noun")); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: no %s (Debian: apt-get install wordnet-base)", ErrNoWordNet, filepath.Join(dir, "data.noun"))
	}
	db := &database{exceptions: map[byte]map[string][]string{}}
	var err error
	if db.licence, err = readLicence(filepath.Join(dir, "data.noun")); err != nil {
		return nil, err
	}
	// The reader's index (LemmaRanked) keeps only the senses that have tag
	// counts, dropping the rest; the index files are read here instead.
	for _, f := range posFiles() {
		ls, err := readIndex(filepath.Join(dir, f.index), f.pos)
		if err != nil {
			return nil, err
		}
		db.lemmas = append(db.lemmas, ls...)
		// The reader's exception map keeps one line of a form listed twice
		// ("aurar eyir", "aurar eyrir"); the lists are read here instead.
		if db.exceptions[f.pos], err = readExceptions(filepath.Join(dir, f.exc)); err != nil {
			return nil, err
		}
	}
	if db.tags, err = readTagCounts(filepath.Join(dir, "cntlist.rev")); err != nil {
		return nil, err
	}
	if db.wn, err = wordnet.Parse(dir); err != nil {
		return nil, fmt.Errorf("read WordNet in %s: %w", dir, err)
	}
	return db, nil
}

// readLicence returns the licence that heads a WordNet data file, each
// line without its line number and trailing blanks.
func readLicence(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan() && strings.HasPrefix(sc.Text(), "  "); n++ {
		num, text, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if num != fmt.Sprint(n) {
			return nil, fmt.Errorf("%s:%d: licence line numbered %q", path, n, num)
		}
		lines = append(lines, text)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	text := strings.Join(lines, "\n")
	if !strings.Contains(text, "WordNet 3.0 Copyright 2006 by Princeton University.") || !strings.Contains(text, "THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\"") {
		return nil, fmt.Errorf("%s: no WordNet 3.0 licence at the top", path)
	}
	return lines, nil
}

// readIndex reads the lemmas of an index file (wndb(5)):
//
//	lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
func readIndex(path string, pos byte) ([]lemma, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []lemma
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "  ") { // the licence
			continue
		}
		fields := strings.Fields(sc.Text())
		var count int
		if len(fields) > 2 {
			fmt.Sscan(fields[2], &count)
		}
		if count < 1 || len(fields) < 4+count {
			return nil, fmt.Errorf("%s:%d: want a lemma and %d synsets", path, n, count)
		}
		l := lemma{key: strings.ReplaceAll(fields[0], "_", " "), pos: pos}
		for _, off := range fields[len(fields)-count:] {
			l.synsets = append(l.synsets, string(pos)+off)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// senseTypes are the parts of speech of the synset types of sense keys,
// 1 to 5: noun, verb, adjective, adverb, adjective satellite.
const senseTypes = "nvara"

// readTagCounts reads the tag counts of cntlist.rev (cntlist(5)), a sense
// a line:
//
//	lemma%ss_type:lex_filenum:lex_id:head_word:head_id sense_number tag_cnt
//
// and sums them by lemma (words joined by spaces) and part of speech. The
// index files' tagsense_cnt is not a frequency: it counts the senses
// that have tags.
func readTagCounts(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want a sense key, a sense number and a tag count", path, n)
		}
		lemma, sense, _ := strings.Cut(fields[0], "%")
		cnt := atoi(fields[2])
		if lemma == "" || len(sense) < 2 || sense[0] < '1' || sense[0] > '5' || sense[1] != ':' || atoi(fields[1]) < 1 || cnt < 1 {
			return nil, fmt.Errorf("%s:%d: bad sense key, sense number or tag count", path, n)
		}
		out[string(senseTypes[sense[0]-'1'])+strings.ReplaceAll(lemma, "_", " ")] += cnt
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// atoi returns the number that s writes in decimal digits, or -1.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || strings.Trim(s, "0123456789") != "" {
		return -1
	}
	return n
}

// readExceptions reads an exception list: an inflected form and its base
// forms a line, words of a phrase joined by underscores.
func readExceptions(path string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(strings.ReplaceAll(sc.Text(), "_", "\x00"))
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: want a form and its base forms", path, n)
		}
		form := strings.ReplaceAll(fields[0], "\x00", " ")
		for _, b := range fields[1:] {
			if b = strings.ReplaceAll(b, "\x00", " "); !slices.Contains(out[form], b) {
				out[form] = append(out[form], b)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// form returns a word of a synset as WordNet writes it, with spaces for
// underscores and without an adjective's syntactic marker ("(p)").
func form(word string) string {
	if i := strings.LastIndexByte(word, '('); i > 0 && strings.HasSuffix(word, ")") {
		word = word[:i]
	}
	return strings.ReplaceAll(word, "_", " ")
}

// synset returns the synset a pointer's ID names: the reader writes the
// part of speech of an adjective satellite as "s", but keys all adjective
// synsets "a".
func (db *database) synset(id string) (*wordnet.Synset, error) {
	if strings.HasPrefix(id, "s") {
		id = "a" + id[1:]
	}
	s, ok := db.wn.Synset[id]
	if !ok {
		return nil, fmt.Errorf("no synset %s", id)
	}
	return s, nil
}
