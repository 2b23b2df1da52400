package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parley-newsroom/parley"
	"github.com/parley-newsroom/parley/internal/corpus"
)

// folder is a corpus folder on disk, for tests that change its files.
type folder struct {
	t   *testing.T
	dir string
}

// builtInFolder copies the built-in corpus's articles to a folder.
func builtInFolder(t *testing.T) folder {
	t.Helper()
	f := folder{t, t.TempDir()}
	names, err := fs.Glob(parley.Corpus(), "*.md")
	if err != nil || len(names) < 3 {
		t.Fatalf("built-in corpus: %v (%d articles)", err, len(names))
	}
	for _, n := range names {
		data, err := fs.ReadFile(parley.Corpus(), n)
		if err != nil {
			t.Fatal(err)
		}
		f.write(n, string(data))
	}
	return f
}

func (f folder) write(name, data string) {
	f.t.Helper()
	if err := os.WriteFile(filepath.Join(f.dir, name), []byte(data), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f folder) read(name string) string {
	f.t.Helper()
	data, err := os.ReadFile(filepath.Join(f.dir, name))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(data)
}

func (f folder) names() []string {
	f.t.Helper()
	names, err := corpus.Files(os.DirFS(f.dir))
	if err != nil {
		f.t.Fatal(err)
	}
	return names
}

// files lists the folder's article files with their hashes.
func (f folder) files() []File {
	var out []File
	for _, n := range f.names() {
		out = append(out, File{Name: n, Hash: FileHash([]byte(f.read(n)))})
	}
	return out
}

// parse parses one file, and counts the files parsed in parsed.
func (f folder) parse(parsed *[]string) func(string) (*corpus.Article, error) {
	p, err := corpus.NewParser()
	if err != nil {
		f.t.Fatal(err)
	}
	var mu sync.Mutex
	return func(name string) (*corpus.Article, error) {
		mu.Lock()
		*parsed = append(*parsed, name)
		mu.Unlock()
		return p.Parse(name, []byte(f.read(name)))
	}
}

// sync brings the index in dir up to date with the folder.
func (f folder) sync(dir string) (*Index, Changes, []string) {
	f.t.Helper()
	var parsed []string
	ix, ch, err := Sync(context.Background(), dir, f.files(), f.parse(&parsed), Options{})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { ix.Close() })
	return ix, ch, parsed
}

// inMemory indexes the folder afresh, in memory.
func (f folder) inMemory() *Index {
	f.t.Helper()
	c, err := corpus.Load(os.DirFS(f.dir))
	if err != nil {
		f.t.Fatal(err)
	}
	ix, err := New(context.Background(), c.Passages(), Options{})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { ix.Close() })
	return ix
}

var syncQuestions = []string{
	"What did the US and Iran agree on?",
	"What uranium enrichment level did Iran propose?",
	"Who mediated the talks?",
	"What is in the roadmap?",
	"When did the first round conclude?",
}

// sameIndex checks that two indexes hold the same articles, counts and
// passages, and answer alike.
func sameIndex(t *testing.T, got, want *Index) {
	t.Helper()
	clean := func(as []Article) []Article {
		out := slices.Clone(as)
		for i := range out {
			// Where an article's passages are in the store depends on
			// the order they were written in.
			out[i].Hash, out[i].Stamp, out[i].At = "", "", 0
		}
		return out
	}
	outline := func(ix *Index) []Article {
		as, err := ix.Outline()
		if err != nil {
			t.Fatal(err)
		}
		out := clean(as)
		for i := range out {
			out[i].Names, out[i].Stored = nil, nil // what the index reads when it opens
		}
		return out
	}
	if d := cmp.Diff(outline(want), outline(got)); d != "" {
		t.Errorf("articles differ (-want +got):\n%s", d)
	}
	lean := func(as []Article) []Article {
		out := clean(as)
		for i := range out {
			out[i].Headings, out[i].Phrases = nil, nil
		}
		return out
	}
	if d := cmp.Diff(lean(want.Articles()), lean(got.Articles())); d != "" {
		t.Errorf("articles differ (-want +got):\n%s", d)
	}
	// Every passage reads back from the store as it was indexed.
	var ids []string
	for _, a := range want.Articles() {
		for ordinal := 1; ordinal <= a.Passages; ordinal++ {
			ids = append(ids, groupKey(a.Meta.Slug, ordinal))
		}
	}
	wp, err := want.Passages(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	gp, err := got.Passages(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if d := cmp.Diff(*wp[id], *gp[id], cmpopts.IgnoreFields(corpus.Passage{}, "Article")); d != "" {
			t.Errorf("passage %s differs (-want +got):\n%s", id, d)
		}
	}
	if d := cmp.Diff(want.df, got.df); d != "" {
		t.Errorf("document frequencies differ (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want.vocabulary, got.vocabulary); d != "" {
		t.Errorf("vocabularies differ (-want +got):\n%s", d)
	}
	if got.passages != want.passages {
		t.Errorf("%d passages, want %d", got.passages, want.passages)
	}
	for _, q := range syncQuestions {
		g, err := got.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		w, err := want.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(hitTexts(w), hitTexts(g)); d != "" {
			t.Errorf("%q: hits differ (-want +got):\n%s", q, d)
		}
	}
}

func hitTexts(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Passage.ID()+" "+h.Passage.Text)
	}
	return out
}

// segments counts the segments of an index's Bleve index.
func segments(t *testing.T, ix *Index) uint64 {
	t.Helper()
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	n, ok := adv.StatsMap()["TotFileSegmentsAtRoot"].(uint64)
	if !ok {
		t.Fatalf("no segment count in %T's stats", adv)
	}
	return n
}

func builds(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestSyncBuildsAnIndexThatAnswersAsInMemory(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	ix, ch, parsed := f.sync(dir)
	if !ch.Rebuilt || len(parsed) != len(f.names()) {
		t.Errorf("first sync: %+v, parsed %d of %d files", ch, len(parsed), len(f.names()))
	}
	sameIndex(t, ix, f.inMemory())

	// Unchanged files: nothing is parsed and no build is written.
	before := builds(t, dir)
	again, ch, parsed := f.sync(dir)
	if ch.Changed() || len(parsed) > 0 || ch.Unchanged != len(f.names()) {
		t.Errorf("second sync: %+v, parsed %v", ch, parsed)
	}
	if after := builds(t, dir); !slices.Equal(before, after) {
		t.Errorf("builds %v, then %v", before, after)
	}
	sameIndex(t, again, ix)
}

func TestSyncReindexesOnlyWhatChanged(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	f.sync(dir)
	names := f.names()

	// Change one article's words, remove another, add a third.
	changed := f.read(names[0])
	f.write(names[0], strings.Replace(changed, "\n\n", "\n\nThe mediators met again in Zanzibar on a wet Tuesday.\n\n", 1)+"\n")
	os.Remove(filepath.Join(f.dir, names[1]))
	f.write("zz-new-article.md", "---\ntitle: Talks resume in Zanzibar\noutlet: Test Wire\npublished: 2026-07-01\n---\n\nNegotiators returned to Zanzibar for a fourth round of quiet talks.\n")

	ix, ch, parsed := f.sync(dir)
	want := Changes{Added: 1, Updated: 1, Removed: 1, Unchanged: len(names) - 2}
	if ch != want {
		t.Errorf("changes %+v, want %+v", ch, want)
	}
	slices.Sort(parsed)
	if d := cmp.Diff([]string{names[0], "zz-new-article.md"}, parsed); d != "" {
		t.Errorf("parsed (-want +got):\n%s", d)
	}
	// One segment, as after a rebuild, and still one when opened again:
	// the merge was written down before the update's index was closed.
	if n := segments(t, ix); n != 1 {
		t.Errorf("the updated index has %d segments, want 1", n)
	}
	sameIndex(t, ix, f.inMemory())
	res, err := ix.Search(context.Background(), "Who met in Zanzibar on a Tuesday?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Passage.Text, "wet Tuesday") {
		t.Errorf("the changed article's new words are not found: %v", hitTexts(res))
	}
	if got := builds(t, dir); len(got) != 2 {
		t.Errorf("builds %v: want the live one and the one before", got)
	}
}

func TestSyncKeepsTheLiveIndexWhenAFileIsBad(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	f.sync(dir)
	before := builds(t, dir)
	current, _ := os.ReadFile(filepath.Join(dir, currentFile))

	f.write("bad-one.md", "---\noutlet: Nobody\n---\n\nText without a title.\n")
	f.write("bad-two.md", "---\ntitle: Nothing after the front matter\n---\n")
	var parsed []string
	_, _, err := Sync(context.Background(), dir, f.files(), f.parse(&parsed), Options{})
	var bad *corpus.Error
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "bad-one.md") || !strings.Contains(err.Error(), "bad-two.md") {
		t.Fatalf("Sync error %v: want both bad files named", err)
	}
	now, _ := os.ReadFile(filepath.Join(dir, currentFile))
	if string(now) != string(current) || !slices.Equal(before, builds(t, dir)) {
		t.Errorf("a failed sync changed the index folder: CURRENT %q -> %q, builds %v -> %v", current, now, before, builds(t, dir))
	}
}

func TestSyncRebuildsWhatItCannotRead(t *testing.T) {
	f := builtInFolder(t)
	for name, damage := range map[string]func(dir, live string){
		"garbage CURRENT":  func(dir, _ string) { os.WriteFile(filepath.Join(dir, currentFile), []byte("../../etc\n"), 0o644) },
		"truncated record": func(dir, live string) { os.WriteFile(filepath.Join(dir, live, keptFile), []byte("gob?"), 0o644) },
		"other version": func(dir, live string) {
			k, err := readKept(filepath.Join(dir, live, keptFile))
			if err != nil {
				t.Fatal(err)
			}
			k.Version = "0-old"
			writeKept(filepath.Join(dir, live, keptFile), k)
		},
		"a crashed build beside": func(dir, _ string) { os.MkdirAll(filepath.Join(dir, buildPrefix+"1", bleveDir), 0o755) },
		"no Bleve root":          func(dir, live string) { os.Remove(filepath.Join(dir, live, bleveDir, "store", "root.bolt")) },
		"no store":               func(dir, live string) { os.Remove(filepath.Join(dir, live, storeName)) },
		"a truncated store":      func(dir, live string) { os.Truncate(filepath.Join(dir, live, storeName), 100) },
		"a truncated segment": func(dir, live string) {
			segs, _ := filepath.Glob(filepath.Join(dir, live, bleveDir, "store", "*.zap"))
			for _, s := range segs {
				os.Truncate(s, 100)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			f.sync(dir)
			live, _ := os.ReadFile(filepath.Join(dir, currentFile))
			damage(dir, strings.TrimSpace(string(live)))
			ix, ch, _ := f.sync(dir)
			if name == "a crashed build beside" {
				if ch.Changed() {
					t.Errorf("changes %+v: a stray folder is not the live build", ch)
				}
			} else if !ch.Rebuilt {
				t.Errorf("changes %+v: want a rebuild", ch)
			}
			sameIndex(t, ix, f.inMemory())
		})
	}
}

func TestSyncsAtOnceAgree(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	files := f.files()
	var wg sync.WaitGroup
	indexes := make([]*Index, 3)
	errs := make([]error, 3)
	for i := range indexes {
		wg.Go(func() {
			var parsed []string
			indexes[i], _, errs[i] = Sync(context.Background(), dir, files, f.parse(&parsed), Options{})
		})
	}
	wg.Wait()
	for i, ix := range indexes {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		defer ix.Close()
		sameIndex(t, ix, indexes[0])
	}
	if got := builds(t, dir); len(got) != 1 {
		t.Errorf("builds %v: one sync builds, the others reuse it", got)
	}
}

// A live build that does not open is built afresh, not reported at every
// start, and so is one that cannot be copied to be updated.
func TestSyncRebuildsADamagedBuildItWouldUpdate(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	f.sync(dir)
	live, _ := os.ReadFile(filepath.Join(dir, currentFile))
	os.Remove(filepath.Join(dir, strings.TrimSpace(string(live)), bleveDir, "store", "root.bolt"))
	f.write("zz-new-article.md", "---\ntitle: Talks resume in Zanzibar\noutlet: Test Wire\npublished: 2026-07-01\n---\n\nNegotiators returned to Zanzibar.\n")
	ix, ch, parsed := f.sync(dir)
	if !ch.Rebuilt || len(parsed) != len(f.names()) {
		t.Errorf("changes %+v, %d of %d files parsed: want a rebuild", ch, len(parsed), len(f.names()))
	}
	sameIndex(t, ix, f.inMemory())
}

// A first build whose first file is bad names it, as an update does.
func TestSyncFirstBuildWithABadFile(t *testing.T) {
	f := builtInFolder(t)
	f.write("00-draft.md", "---\noutlet: Nobody\n---\n\nText without a title.\n")
	dir := filepath.Join(t.TempDir(), "index")
	var parsed []string
	_, _, err := Sync(context.Background(), dir, f.files(), f.parse(&parsed), Options{})
	var bad *corpus.Error
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "00-draft.md") {
		t.Fatalf("Sync error %v: want the bad file named", err)
	}
	if got := builds(t, dir); len(got) != 0 {
		t.Errorf("builds %v left behind", got)
	}
}

// A sync cancelled as it finishes (Ctrl-C while Bleve merges) leaves the
// live build live, and the next sync does the update in full.
func TestSyncCancelledKeepsTheLiveBuild(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	f.sync(dir)
	current, _ := os.ReadFile(filepath.Join(dir, currentFile))
	before := builds(t, dir)
	// More files than the workers may take on before the first is done
	// (see indexFiles' window): the rest are never parsed.
	added := 30 + ahead(runtime.GOMAXPROCS(0))
	for i := range added {
		f.write(fmt.Sprintf("zz-%03d.md", i), fmt.Sprintf("---\ntitle: Round %d\noutlet: Test Wire\npublished: 2026-07-01\n---\n\nNegotiators met for round %d in Zanzibar.\n", i, i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var parsed []string
	_, _, err := Sync(ctx, dir, f.files(), f.parse(&parsed), Options{Progress: func(done, total int) {
		if done == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Sync error %v, want context.Canceled", err)
	}
	if len(parsed) == added {
		t.Errorf("all %d new files parsed after the cancel", len(parsed))
	}
	now, _ := os.ReadFile(filepath.Join(dir, currentFile))
	if string(now) != string(current) || !slices.Equal(before, builds(t, dir)) {
		t.Errorf("CURRENT %q, builds %v; want %q, %v", now, builds(t, dir), current, before)
	}

	// Cancelled as the last file is done: before the merge.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, _, err = Sync(ctx, dir, f.files(), f.parse(&parsed), Options{Progress: func(done, total int) {
		if done == total {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Sync cancelled at the end: error %v, want context.Canceled", err)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, currentFile)); string(now) != string(current) {
		t.Errorf("CURRENT %q after a cancelled sync, want %q", now, current)
	}
	ix, ch, _ := f.sync(dir)
	if ch.Added != added {
		t.Errorf("changes %+v after the cancelled syncs, want %d added", ch, added)
	}
	if n := segments(t, ix); n != 1 {
		t.Errorf("%d segments, want 1", n)
	}
	sameIndex(t, ix, f.inMemory())
}

// TestSyncTrustsStamps checks that a file whose stamp is the one the index
// recorded is not read again, and that a file whose stamp moved, or that
// has none, is.
func TestSyncTrustsStamps(t *testing.T) {
	f := builtInFolder(t)
	names := f.names()
	old := time.Now().Add(-time.Hour)
	touch := func(name string, at time.Time) {
		if err := os.Chtimes(filepath.Join(f.dir, name), at, at); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		touch(n, old)
	}
	var reads []string
	files := func(stamped bool) []File {
		var out []File
		for _, n := range names {
			file := File{Name: n, ReadHash: func() (string, error) {
				reads = append(reads, n)
				return FileHash([]byte(f.read(n))), nil
			}}
			if stamped {
				info, err := os.Stat(filepath.Join(f.dir, n))
				if err != nil {
					t.Fatal(err)
				}
				// Read a minute on: the files were all just written.
				file.Stamp = Stamp(info, time.Now().Add(time.Minute))
			}
			out = append(out, file)
		}
		return out
	}
	dir := t.TempDir()
	sync := func(stamped bool) Changes {
		t.Helper()
		reads = nil
		var parsed []string
		ix, ch, err := Sync(context.Background(), dir, files(stamped), f.parse(&parsed), Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		slices.Sort(reads)
		return ch
	}

	if ch := sync(true); !ch.Rebuilt || !slices.Equal(reads, names) {
		t.Fatalf("first build: %+v, read %v; want a build that reads every file", ch, reads)
	}
	if ch := sync(true); ch.Changed() || ch.Unchanged != len(names) || len(reads) > 0 {
		t.Errorf("stamps as recorded: %+v, read %v; want nothing changed or read", ch, reads)
	}
	// An edit moves the modification time: that file is read and indexed.
	edited := names[0]
	f.write(edited, f.read(edited)+"\nThe talks went on past midnight.\n")
	touch(edited, old.Add(time.Minute))
	if ch := sync(true); ch.Updated != 1 || !slices.Equal(reads, []string{edited}) {
		t.Errorf("one file edited: %+v, read %v; want %s read and updated", ch, reads, edited)
	}
	// A new modification time on the same words: read, and found unchanged.
	touch(names[1], old.Add(2*time.Minute))
	if ch := sync(true); ch.Changed() || !slices.Equal(reads, []string{names[1]}) {
		t.Errorf("one file touched: %+v, read %v; want %s read and nothing changed", ch, reads, names[1])
	}
	// Nothing changed, so nothing was written: the touched file is read
	// again, until an update records its new stamp.
	edited = names[2]
	f.write(edited, f.read(edited)+"\nDelegates left before dawn.\n")
	touch(edited, old.Add(3*time.Minute))
	if ch := sync(true); ch.Updated != 1 || !slices.Equal(reads, []string{names[1], edited}) {
		t.Errorf("touched file, then an edit: %+v, read %v; want %s and %s read, one updated", ch, reads, names[1], edited)
	}
	if ch := sync(true); ch.Changed() || len(reads) > 0 {
		t.Errorf("after the update: %+v, read %v; want nothing read", ch, reads)
	}
	// An edit of the same size whose modification time is set back (cp -p,
	// rsync -t, touch -r): Linux's status change time gives it away.
	if runtime.GOOS == "linux" {
		edited = names[3]
		text := f.read(edited)
		f.write(edited, strings.Replace(text, "the ", "thy ", 1))
		touch(edited, old)
		if ch := sync(true); ch.Updated != 1 || !slices.Equal(reads, []string{edited}) {
			t.Errorf("same size, time set back: %+v, read %v; want %s read and updated", ch, reads, edited)
		}
	}
	// Without stamps, every file is read.
	if ch := sync(false); ch.Changed() || !slices.Equal(reads, names) {
		t.Errorf("no stamps: %+v, read %v; want every file read and nothing changed", ch, reads)
	}
}

func TestStamp(t *testing.T) {
	now := time.Date(2026, 6, 23, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		modified time.Time
		want     string
	}{
		{now.Add(-time.Hour), "42@" + strconv.FormatInt(now.Add(-time.Hour).UnixNano(), 10)},
		{now.Add(-3 * time.Second), "42@" + strconv.FormatInt(now.Add(-3*time.Second).UnixNano(), 10)},
		{now.Add(-time.Second), ""}, // within a coarse clock's tick of now: a second write would not show
		{now, ""},
		{now.Add(time.Hour), ""}, // a clock set wrong
		{time.Time{}, ""},        // no time at all (an embedded file)
	} {
		if got := Stamp(fileInfo{size: 42, modified: tc.modified}, now); got != tc.want {
			t.Errorf("modified %v: stamp %q, want %q", tc.modified, got, tc.want)
		}
	}
}

// fileInfo is a file's size and modification time.
type fileInfo struct {
	size     int64
	modified time.Time
}

func (f fileInfo) Name() string       { return "a.md" }
func (f fileInfo) Size() int64        { return f.size }
func (f fileInfo) Mode() fs.FileMode  { return 0o644 }
func (f fileInfo) ModTime() time.Time { return f.modified }
func (f fileInfo) IsDir() bool        { return false }
func (f fileInfo) Sys() any           { return nil }

// An index on disk keeps no article's headings and key phrases in memory,
// and reads them back whole, from the build it opened, even once a later
// build has removed that build's files; so are its passages.
func TestSyncOutlineFromTheOpenBuild(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	ix, _, _ := f.sync(dir)
	for _, a := range ix.Articles() {
		if len(a.Headings)+len(a.Phrases) > 0 {
			t.Errorf("%s: %d headings and %d phrases held in memory", a.Meta.Slug, len(a.Headings), len(a.Phrases))
		}
	}
	for _, b := range builds(t, dir) {
		if err := os.RemoveAll(filepath.Join(dir, b)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ix.Outline()
	if err != nil {
		t.Fatal(err)
	}
	want, err := f.inMemory().Outline()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d articles outlined, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i].Headings, want[i].Headings) || !slices.Equal(got[i].Phrases, want[i].Phrases) {
			t.Errorf("%s: headings %q and phrases %q, want %q and %q", want[i].Meta.Slug, got[i].Headings, got[i].Phrases, want[i].Headings, want[i].Phrases)
		}
	}
	res, err := ix.Search(context.Background(), syncQuestions[0], 3)
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("search after the build's files are gone: %v, %v", res, err)
	}
}

// Updates in a row copy from stores no longer in the files' order, and
// answer as a build afresh does; one whose live store is cut short
// rebuilds.
func TestSyncUpdatesInARow(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	f.sync(dir)
	names := f.names()
	f.write(names[0], f.read(names[0])+"\nThe mediators met again in Zanzibar on a wet Tuesday.\n")
	ix, ch, _ := f.sync(dir)
	if ch.Updated != 1 || ch.Rebuilt {
		t.Fatalf("changes %+v, want one update", ch)
	}
	sameIndex(t, ix, f.inMemory())
	f.write(names[2], f.read(names[2])+"\nA second note on a dry Wednesday.\n")
	removed := f.read(names[1])
	os.Remove(filepath.Join(f.dir, names[1]))
	ix, ch, _ = f.sync(dir)
	if ch.Updated != 1 || ch.Removed != 1 || ch.Rebuilt {
		t.Fatalf("changes %+v, want one update and one removal", ch)
	}
	sameIndex(t, ix, f.inMemory())
	f.write(names[1], removed)
	ix, ch, _ = f.sync(dir)
	if ch.Added != 1 || ch.Rebuilt {
		t.Fatalf("changes %+v, want one addition", ch)
	}
	sameIndex(t, ix, f.inMemory())

	live, _ := os.ReadFile(filepath.Join(dir, currentFile))
	os.Truncate(filepath.Join(dir, strings.TrimSpace(string(live)), storeName), 100)
	f.write("zz-new-article.md", "---\ntitle: Talks resume in Zanzibar\noutlet: Test Wire\npublished: 2026-07-01\n---\n\nNegotiators returned to Zanzibar.\n")
	ix, ch, _ = f.sync(dir)
	if !ch.Rebuilt {
		t.Errorf("changes %+v: a store cut short is not copied; want a rebuild", ch)
	}
	sameIndex(t, ix, f.inMemory())
}

// Two files that give one slug are an error that names it, and no build
// goes live, whether their names sort together or not.
func TestSyncRefusesTwoArticlesOfOneSlug(t *testing.T) {
	f := builtInFolder(t)
	names := f.names()
	p, err := corpus.NewParser()
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range [][]string{{"a/x.md", "b/x.md"}, {"a/x.md", "a/y.md", "b/x.md"}} {
		data := map[string]string{}
		var files []File
		for i, n := range set {
			data[n] = f.read(names[i])
			files = append(files, File{Name: n, Hash: FileHash([]byte(data[n]))})
		}
		parse := func(n string) (*corpus.Article, error) { return p.Parse(n, []byte(data[n])) }
		dir := filepath.Join(t.TempDir(), "index")
		ix, _, err := Sync(context.Background(), dir, files, parse, Options{})
		if ix != nil {
			ix.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "two articles are named x") {
			t.Errorf("%v: error %v, want one naming the slug", set, err)
		}
		if cur, err := os.ReadFile(filepath.Join(dir, currentFile)); err == nil {
			t.Errorf("%v: build %q went live", set, cur)
		}
	}
}

// A store whose parts are not where its build says, with the file's size
// as it should be, cannot be told at open without reading it all: the
// passages read astray are errors, never another passage's words.
func TestSyncPartsAstrayAreErrors(t *testing.T) {
	f := builtInFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	f.sync(dir)
	live, _ := os.ReadFile(filepath.Join(dir, currentFile))
	path := filepath.Join(dir, strings.TrimSpace(string(live)), keptFile)
	k, err := readKept(path)
	if err != nil {
		t.Fatal(err)
	}
	a := k.Articles[0]
	a.Stored[0], a.Stored[1] = a.Stored[1], a.Stored[0] // the same total: every part of a in place but the first two
	if err := writeKept(path, k); err != nil {
		t.Fatal(err)
	}
	ix, _, _ := f.sync(dir)
	for ordinal := 1; ordinal <= 2; ordinal++ {
		id := groupKey(a.Meta.Slug, ordinal)
		if got, err := ix.Passages(context.Background(), []string{id}); err == nil {
			t.Errorf("%s read astray as %q", id, got[id].Text)
		}
	}
	if _, err := ix.Passages(context.Background(), []string{groupKey(a.Meta.Slug, 3)}); err != nil {
		t.Errorf("a part in place: %v", err)
	}
}
