package search

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/gofrs/flock"

	"github.com/parley-newsroom/parley/internal/corpus"
)

// An index on disk lives in a folder of builds, one of them live:
//
//	CURRENT      the name of the live build
//	lock         held while a build is written and swapped in
//	b-…/bleve/   a build's Bleve index
//	b-…/parley   what the build keeps of its articles, and its counts
//	b-…/passages its store: what each passage is read back from
//
// A build is written beside the live one and swapped in by renaming a new
// CURRENT over the old, so a crash never leaves a broken index in use, and
// a process that has the old build open reads on undisturbed. The build
// before the live one is kept; older ones are removed.

// formatVersion changes whenever what the index stores of a passage or an
// article changes meaning, or the words Parley hands Bleve already
// analysed (see builder.analyse) change; the mapping's own changes are
// caught by its hash (see version).
const formatVersion = 5

const (
	currentFile = "CURRENT"
	lockFile    = "lock"
	bleveDir    = "bleve"
	keptFile    = "parley"
	storeName   = "passages"
	buildPrefix = "b-"
)

// File is an article file as an index on disk knows it: its name in the
// corpus folder and its content hash (see FileHash). The hash may be left
// to ReadHash, with the file's Stamp: a file whose stamp is the one the
// index recorded when it read the file is taken as unchanged without
// being read, as git's index does.
type File struct {
	Name, Hash string
	// Stamp is the file's size and modification time (see Stamp), or ""
	// for a file that must be hashed.
	Stamp string
	// ReadHash hashes the file, when Hash is "".
	ReadHash func() (string, error)
}

// Stamp returns the stamp of a file that Sync may trust in place of its
// hash: its size and modification time, and on Linux its inode and status
// change time; "" when it has no modification time, or when it was written
// or changed within the last racyWindow before now (a second write in the
// same tick of a coarse clock would leave the stamp as it was).
func Stamp(info fs.FileInfo, now time.Time) string {
	t := info.ModTime()
	change, changed := changeStamp(info)
	if t.IsZero() || !t.Before(now.Add(-racyWindow)) || !changed.IsZero() && !changed.Before(now.Add(-racyWindow)) {
		return ""
	}
	s := strconv.FormatInt(info.Size(), 10) + "@" + strconv.FormatInt(t.UnixNano(), 10)
	if change != "" {
		s += " " + change
	}
	return s
}

// racyWindow is the coarsest clock a file system's modification times
// tick by (FAT's two seconds).
const racyWindow = 2 * time.Second

// hashed returns files, each with its hash: the hash k recorded when
// its stamp is the one k recorded, else what ReadHash reads.
func hashed(k *kept, files []File) ([]File, error) {
	known := map[string]Article{}
	if k != nil {
		for _, a := range k.Articles {
			known[a.Meta.File] = a
		}
	}
	out := slices.Clone(files)
	var errs []error
	for i, f := range out {
		if f.Hash != "" {
			continue
		}
		if a, ok := known[f.Name]; ok && f.Stamp != "" && a.Stamp == f.Stamp {
			out[i].Hash = a.Hash
			continue
		}
		if f.ReadHash == nil {
			errs = append(errs, fmt.Errorf("%s: neither a hash nor a way to read one", f.Name))
			continue
		}
		h, err := f.ReadHash()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[i].Hash = h
	}
	return out, errors.Join(errs...)
}

// FileHash returns the content hash of an article file.
func FileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// Changes says what bringing an index up to date did.
type Changes struct {
	Added, Updated, Removed, Unchanged int
	// Rebuilt is set when every article was indexed afresh: there was no
	// index, or it was built by another version of Parley.
	Rebuilt bool
}

// Changed reports whether a new build was written.
func (c Changes) Changed() bool { return c.Rebuilt || c.Added+c.Updated+c.Removed > 0 }

// kept is what a build keeps beside its Bleve index.
type kept struct {
	Version  string
	Articles []Article // in the order of their files' names
	Stats    stats
}

// Sync opens the index in dir, first bringing it up to date with files
// (every article file of the corpus, by name): the articles of new and
// changed files are indexed, those of removed files dropped, and the rest
// left as they are. parse reads one file, and is called from several
// goroutines at once; when it fails for any file, Sync reports every
// failure and leaves the index as it was. progress, if set,
// is told how many of the files to index are done.
func Sync(ctx context.Context, dir string, files []File, parse func(name string) (*corpus.Article, error), opts Options) (*Index, Changes, error) {
	m, err := newMapping(cmp.Or(opts.Scoring, DefaultScoring))
	if err != nil {
		return nil, Changes{}, fmt.Errorf("index mapping: %w", err)
	}
	ver, err := version(m)
	if err != nil {
		return nil, Changes{}, err
	}
	d := disk{dir: dir, m: m, version: ver, opts: opts}
	// Each file is read at most once, however often it is compared.
	files = slices.Clone(files)
	for i := range files {
		if files[i].ReadHash != nil {
			files[i].ReadHash = sync.OnceValues(files[i].ReadHash)
		}
	}
	if ix, ch, ok := d.reuse(files); ok {
		return ix, ch, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, Changes{}, fmt.Errorf("index folder: %w", err)
	}
	lock := flock.New(filepath.Join(dir, lockFile))
	if _, err := lock.TryLockContext(ctx, 50*time.Millisecond); err != nil {
		return nil, Changes{}, fmt.Errorf("lock the index: %w", err)
	}
	defer lock.Unlock()
	// Another process may have brought it up to date while we waited.
	if ix, ch, ok := d.reuse(files); ok {
		return ix, ch, nil
	}
	live, k, err := d.current()
	if err != nil {
		return nil, Changes{}, err
	}
	if files, err = hashed(k, files); err != nil {
		return nil, Changes{}, err
	}
	p := plan(k, files, ver)
	if !p.changes.Changed() {
		// Up to date, yet it does not open: the live build is damaged.
		k, p = nil, plan(nil, files, ver)
	}
	name, nk, err := d.build(ctx, live, k, p, parse)
	if errors.Is(err, errDamaged) {
		k, p = nil, plan(nil, files, ver)
		name, nk, err = d.build(ctx, live, k, p, parse)
	}
	if err != nil {
		return nil, Changes{}, err
	}
	if err := d.swap(name, live); err != nil {
		return nil, Changes{}, err
	}
	ix, err := d.open(name, nk)
	return ix, p.changes, err
}

// reuse opens the live build if it is up to date with files and opens.
func (d disk) reuse(files []File) (*Index, Changes, bool) {
	live, k, err := d.current()
	if err != nil || k == nil || k.Version != d.version {
		return nil, Changes{}, false
	}
	files, err = hashed(k, files)
	if err != nil {
		return nil, Changes{}, false
	}
	p := plan(k, files, d.version)
	if p.changes.Changed() {
		return nil, Changes{}, false
	}
	ix, err := d.open(live, k)
	if err != nil {
		return nil, Changes{}, false
	}
	return ix, p.changes, true
}

// errDamaged reports a live build that cannot be copied or opened to be
// updated: it is built afresh instead.
var errDamaged = errors.New("the live index is damaged")

// version identifies how an index is built: the format of what it keeps
// and a hash of the mapping, which says how every field is analysed.
func version(m *mapping.IndexMappingImpl) (string, error) {
	data, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("index mapping: %w", err)
	}
	return strconv.Itoa(formatVersion) + "-" + FileHash(data), nil
}

// disk is one index folder.
type disk struct {
	dir     string
	m       *mapping.IndexMappingImpl
	version string
	opts    Options
}

// current returns the live build's name and what it keeps; "" and nil
// when there is none.
func (d disk) current() (string, *kept, error) {
	data, err := os.ReadFile(filepath.Join(d.dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("index: %w", err)
	}
	name := strings.TrimSpace(string(data))
	if !strings.HasPrefix(name, buildPrefix) || strings.ContainsAny(name, `/\`) {
		return "", nil, nil // not ours: build afresh
	}
	k, err := readKept(filepath.Join(d.dir, name, keptFile))
	switch {
	case errors.Is(err, os.ErrNotExist) || errors.Is(err, errUnreadable):
		return "", nil, nil // gone or damaged: build afresh
	case err != nil:
		return "", nil, fmt.Errorf("index: %w", err) // perhaps passing (too many open files)
	}
	return name, k, nil
}

// errUnreadable reports a kept file that is not one Parley wrote whole.
var errUnreadable = errors.New("unreadable")

func readKept(path string) (*kept, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var k kept
	if err := gob.NewDecoder(f).Decode(&k); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w: %w", path, errUnreadable, err)
	}
	return &k, nil
}

// open opens a build for reading.
func (d disk) open(name string, k *kept) (*Index, error) {
	// The store and what the build keeps stay open: a later build may
	// remove this one's files while it serves.
	f, err := os.Open(filepath.Join(d.dir, name, storeName))
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	kf, err := os.Open(filepath.Join(d.dir, name, keptFile))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open index: %w", err)
	}
	closeFiles := func() error { return errors.Join(f.Close(), kf.Close()) }
	bi, err := bleve.OpenUsing(filepath.Join(d.dir, name, bleveDir), map[string]any{"read_only": true, "bolt_timeout": "1s"})
	if err != nil {
		closeFiles()
		return nil, fmt.Errorf("open index: %w", err)
	}
	st, err := openStore(f, k.Articles, closeFiles)
	if err != nil {
		bi.Close()
		closeFiles()
		return nil, fmt.Errorf("open index: %w: %w", errDamaged, err)
	}
	outline := func() ([]Article, error) {
		var k struct{ Articles []Article } // not the counts
		if err := gob.NewDecoder(io.NewSectionReader(kf, 0, math.MaxInt64)).Decode(&k); err != nil {
			return nil, fmt.Errorf("read index: %w", err)
		}
		for i := range k.Articles {
			k.Articles[i].Names, k.Articles[i].Stored = nil, nil // as an index in memory keeps them
		}
		return k.Articles, nil
	}
	ix, err := assemble(bi, st, d.m, d.opts, k.Stats, k.Articles, outline)
	if err != nil {
		bi.Close()
		closeFiles()
	}
	return ix, err
}

// openStore reads the store f of a build that keeps articles, and fails
// when they do not say where each of its parts is.
func openStore(f *os.File, articles []Article, close func() error) (*store, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	st, err := newStore(f, info.Size(), articles, close)
	if err == nil && st.size() != info.Size() {
		err = fmt.Errorf("%d bytes where its articles' parts take %d", info.Size(), st.size())
	}
	if err != nil {
		return nil, fmt.Errorf("its store: %w", err)
	}
	return st, nil
}

// swap makes build name the live one and removes the builds older than
// the one it replaces.
func (d disk) swap(name, replaced string) error {
	tmp := filepath.Join(d.dir, currentFile+".tmp")
	if err := writeSynced(tmp, []byte(name+"\n")); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(d.dir, currentFile)); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	syncDir(d.dir)
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return nil // the new build is live; old ones wait for the next swap
	}
	for _, e := range entries {
		if n := e.Name(); e.IsDir() && strings.HasPrefix(n, buildPrefix) && n != name && n != replaced {
			os.RemoveAll(filepath.Join(d.dir, n))
		}
	}
	return nil
}

// writeSynced writes a file and flushes it to the disk.
func writeSynced(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries to the disk, where the system can.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// A syncPlan is what bringing an index up to date takes.
type syncPlan struct {
	changes Changes
	files   []File          // all of the corpus's files, by name
	index   map[string]bool // names of the files to (re)index
	drop    []Article       // the articles to remove or replace
}

// toIndex returns the files to (re)index, by name.
func (p syncPlan) toIndex() []File {
	var out []File
	for _, f := range p.files {
		if p.index[f.Name] {
			out = append(out, f)
		}
	}
	return out
}

// plan compares the corpus's files with what the live build keeps.
func plan(k *kept, files []File, ver string) syncPlan {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int { return cmp.Compare(a.Name, b.Name) })
	p := syncPlan{files: files, index: map[string]bool{}}
	if k == nil || k.Version != ver {
		p.changes.Rebuilt = true
		for _, f := range files {
			p.index[f.Name] = true
		}
		return p
	}
	old := map[string]Article{}
	for _, a := range k.Articles {
		old[a.Meta.File] = a
	}
	for _, f := range files {
		a, ok := old[f.Name]
		switch {
		case !ok:
			p.changes.Added++
			p.index[f.Name] = true
		case a.Hash != f.Hash:
			p.changes.Updated++
			p.index[f.Name] = true
			p.drop = append(p.drop, a)
		default:
			p.changes.Unchanged++
		}
		delete(old, f.Name)
	}
	for _, a := range k.Articles {
		if _, gone := old[a.Meta.File]; gone {
			p.changes.Removed++
			p.drop = append(p.drop, a)
		}
	}
	return p
}

// build writes a new build beside the live one, from the live one (none
// when k is nil) and the plan, and returns its name and what it keeps.
// Nothing of a failed build is left behind.
func (d disk) build(ctx context.Context, live string, k *kept, p syncPlan, parse func(string) (*corpus.Article, error)) (name string, _ *kept, err error) {
	name = fmt.Sprintf("%s%d", buildPrefix, time.Now().UnixNano())
	dir := filepath.Join(d.dir, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", nil, fmt.Errorf("index: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	var nk *kept
	if p.changes.Rebuilt {
		nk, err = d.buildAll(ctx, dir, p, parse)
	} else {
		nk, err = d.update(ctx, filepath.Join(d.dir, live), dir, k, p, parse)
	}
	if err == nil {
		// A build stopped half-way must not go live (Bleve's merge stops
		// quietly when cancelled).
		err = ctx.Err()
	}
	if err != nil {
		return "", nil, err
	}
	// What the build keeps must say where its store's parts are before
	// it can go live.
	f, err := os.Open(filepath.Join(dir, storeName))
	if err != nil {
		return "", nil, fmt.Errorf("index: %w", err)
	}
	_, err = openStore(f, nk.Articles, f.Close)
	f.Close()
	if err != nil {
		return "", nil, fmt.Errorf("index: the new build: %w", err)
	}
	nk.Version = d.version
	if err := writeKept(filepath.Join(dir, keptFile), nk); err != nil {
		return "", nil, fmt.Errorf("index: %w", err)
	}
	if err := syncTree(dir); err != nil {
		return "", nil, fmt.Errorf("index: %w", err)
	}
	return name, nk, nil
}

// syncTree flushes every file and folder under dir to the disk, so that
// a build made live is whole after a power cut: the copy of the live
// build an update starts from is not flushed as it is written.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil && !e.IsDir() {
			return err
		}
		return nil
	})
}

func writeKept(path string, k *kept) error {
	var b strings.Builder
	if err := gob.NewEncoder(&b).Encode(k); err != nil {
		return err
	}
	return writeSynced(path, []byte(b.String()))
}

// builderMergeMax is how many segments Bleve's builder merges into one at
// a time. Its default, 10, merges the 100 segments (batches) of 100,000
// passages in two rounds, writing every passage out twice; one round of
// 100 built that archive in 13.6-13.9 s against 15.5 s. The price is the
// peak RSS of a build, 328-343 MiB against 262-267 MiB, most of it the
// files of the segments being merged, mapped: the builder opens them all.
const builderMergeMax = 100

// buildAll indexes every file afresh with Bleve's offline builder, which
// writes the index as one segment.
func (d disk) buildAll(ctx context.Context, dir string, p syncPlan, parse func(string) (*corpus.Article, error)) (*kept, error) {
	sf, err := newStoreFile(filepath.Join(dir, storeName))
	if err != nil {
		return nil, err
	}
	defer sf.f.Close()
	bb, err := bleve.NewBuilder(filepath.Join(dir, bleveDir), indexMapping{d.m}, map[string]any{"buildPathPrefix": dir, "batchSize": batchSize, "mergeMax": builderMergeMax})
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	b := newBuilder(newAnalyzers(d.m))
	docs := 0
	add := storing{w: sf.w, next: func(id string, doc bleveDoc) error {
		docs++
		return bb.Index(id, doc)
	}}
	if err := d.indexFiles(ctx, b, p, parse, add.add); err != nil {
		// Nothing of the builder is kept (build removes the folder), and
		// its Close would write out what it has, or fail on nothing.
		return nil, err
	}
	if docs == 0 {
		return nil, corpus.ErrNoArticles
	}
	if err := bb.Close(); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	if err := sf.finish(); err != nil {
		return nil, err
	}
	sf.w.place(b.articles)
	return &kept{Articles: b.articles, Stats: b.stats}, nil
}

// update copies the live build (in folder live) to dir: its Bleve index
// whole, less the articles the plan replaces or removes, and its store's
// parts of the articles it keeps; then it indexes the new and changed
// files.
func (d disk) update(ctx context.Context, live, dir string, k *kept, p syncPlan, parse func(string) (*corpus.Article, error)) (*kept, error) {
	old, err := os.Open(filepath.Join(live, storeName))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDamaged, err)
	}
	defer old.Close()
	liveStore, err := openStore(old, k.Articles, old.Close)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDamaged, err)
	}
	sf, err := newStoreFile(filepath.Join(dir, storeName))
	if err != nil {
		return nil, err
	}
	defer sf.f.Close()
	dropped := map[string]bool{}
	for _, a := range p.drop {
		dropped[a.Meta.File] = true
	}
	articles := slices.DeleteFunc(slices.Clone(k.Articles), func(a Article) bool { return dropped[a.Meta.File] })
	for _, a := range articles {
		if err := sf.w.copyArticle(old, a); err != nil {
			return nil, err
		}
	}
	to := filepath.Join(dir, bleveDir)
	if err := os.CopyFS(to, os.DirFS(filepath.Join(live, bleveDir))); err != nil {
		return nil, fmt.Errorf("%w: %w", errDamaged, err)
	}
	bi, err := bleve.OpenUsing(to, map[string]any{"bolt_timeout": "1s"})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDamaged, err)
	}
	b := newBuilder(newAnalyzers(d.m))
	b.stats = stats{DF: maps.Clone(k.Stats.DF), Vocabulary: maps.Clone(k.Stats.Vocabulary)}
	batch := newBatcher(bi, d.m)
	err = d.drop(ctx, liveStore, b, batch, p.drop)
	if err == nil {
		err = d.indexFiles(ctx, b, p, parse, storing{w: sf.w, next: batch.add}.add)
	}
	if err == nil {
		err = batch.flush()
	}
	if err == nil {
		err = merge(ctx, bi)
	}
	if cerr := bi.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write index: %w", cerr)
	}
	if err == nil {
		err = sf.finish()
	}
	if err != nil {
		return nil, err
	}
	// An unchanged file keeps its article, with the stamp it has now: one
	// touched since, or too fresh to trust when it was read, is not read
	// again at every start.
	stamps := map[string]string{}
	for _, f := range p.files {
		stamps[f.Name] = f.Stamp
	}
	for i := range articles {
		articles[i].Stamp = stamps[articles[i].Meta.File]
	}
	articles = append(articles, b.articles...)
	sf.w.place(articles)
	slices.SortFunc(articles, func(a, b Article) int { return cmp.Compare(a.Meta.File, b.Meta.File) })
	return &kept{Articles: articles, Stats: b.stats}, nil
}

// storeFile is a store being written to a file.
type storeFile struct {
	f   *os.File
	buf *bufio.Writer
	w   *storeWriter
}

func newStoreFile(path string) (*storeFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	buf := bufio.NewWriterSize(f, 1<<20)
	return &storeFile{f: f, buf: buf, w: newStoreWriter(buf)}, nil
}

// finish writes out what is buffered and closes the file; syncTree
// flushes it to the disk.
func (s *storeFile) finish() error {
	if err := s.buf.Flush(); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	return nil
}

// merge merges an updated index into one segment, as a fresh build is:
// Bleve's bm25 reads the number of distinct words of a field from every
// segment, the removed passages' words too until their segment is merged
// away, so passages would otherwise score differently after an update
// than after a rebuild.
//
// ForceMerge returns once the merged segment is live, not once it is
// written down: closed straight after, the index would open again in the
// state before the merge. A batch waits until it is written down, with
// every change before it, so an internal value written after the merge
// makes the merge last.
func merge(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// One merge joins at most ten segments; Bleve's own merges usually
	// leave fewer, but nothing promises it.
	for range maxMerges {
		if err := s.ForceMerge(ctx, nil); err != nil {
			return fmt.Errorf("merge index: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err // a cancelled merge stops without an error
		}
		if n, _ := s.StatsMap()["TotFileSegmentsAtRoot"].(uint64); n <= 1 {
			break
		}
	}
	if n, _ := s.StatsMap()["TotFileSegmentsAtRoot"].(uint64); n > 1 {
		return fmt.Errorf("merge index: %d segments left", n)
	}
	if err := bi.SetInternal([]byte(mergedKey), []byte("1")); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	return nil
}

// mergedKey is the internal value merge writes after merging.
const mergedKey = "parley-merged"

// maxMerges bounds the rounds of merging: each divides the segments by
// ten at least.
const maxMerges = 8

// drop deletes the passages of articles from the index and takes their
// words out of the builder's counts, read back from the live build's
// store.
func (d disk) drop(ctx context.Context, live *store, b *builder, batch *batcher, articles []Article) error {
	for _, a := range articles {
		for ordinal := 1; ordinal <= a.Passages; ordinal++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			id := groupKey(a.Meta.Slug, ordinal)
			st, err := live.read(id)
			if err != nil {
				return fmt.Errorf("%w: %w", errDamaged, err)
			}
			b.forget(st.text, st.stems)
			batch.batch.Delete(id)
		}
	}
	return nil
}

// aheadArticles is how many articles the workers may analyse ahead of
// add. add converts a Bleve batch into a segment in this goroutine now
// and then (about 75 ms for 1,000 passages); the workers go on meanwhile
// for about a batch of articles of twenty passages. At 100,000 passages,
// this built in 16.1-16.6 s against 18.0-19.1 s for four articles ahead.
const aheadArticles = 64

// ahead is how many articles that many parsing workers may analyse ahead of
// add: aheadArticles, and at least two a worker.
func ahead(workers int) int { return max(2*workers, aheadArticles) }

// indexFiles parses and indexes the files the plan names, in order, and
// reports progress. Files are parsed and analysed by one worker a CPU,
// their documents handed to add in the files' order. After a file fails
// to parse, the rest are only parsed, so that every failure is reported
// at once; once ctx is done, they are not even parsed.
func (d disk) indexFiles(ctx context.Context, b *builder, p syncPlan, parse func(string) (*corpus.Article, error), add func(string, bleveDoc) error) error {
	todo := p.toIndex()
	workers := min(runtime.GOMAXPROCS(0), max(len(todo), 1))
	results := make([]chan analysed, len(todo))
	for i := range results {
		results[i] = make(chan analysed, 1)
	}
	jobs := make(chan int)
	window := make(chan struct{}, ahead(workers)) // articles analysed but not yet indexed
	var failed atomic.Bool                        // a file failed: only parse the rest
	builders := make([]*builder, workers)
	for w := range builders {
		builders[w] = newBuilder(b.an)
		go func() {
			for i := range jobs {
				results[i] <- builders[w].file(ctx, todo[i], parse, failed.Load)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range todo {
			window <- struct{}{}
			jobs <- i
		}
	}()
	var errs []error
	for i := range todo {
		r := <-results[i]
		<-window
		switch {
		case r.err != nil:
			failed.Store(true)
			if ctx.Err() == nil {
				errs = append(errs, r.err)
			}
		case !failed.Load():
			for _, doc := range r.docs {
				if err := add(doc.id, doc.doc); err != nil {
					failed.Store(true)
					errs = append(errs, fmt.Errorf("index %s: %w", doc.id, err))
					break
				}
			}
			b.articles = append(b.articles, r.article)
		}
		if d.opts.Progress != nil {
			d.opts.Progress(i+1, len(todo))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, w := range builders {
		b.stats.add(w.stats)
	}
	return errors.Join(errs...)
}
