package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/parley-newsroom/parley/internal/config"
	"github.com/parley-newsroom/parley/internal/corpus"
	"github.com/parley-newsroom/parley/internal/importer"
	"github.com/parley-newsroom/parley/internal/progress"
)

// defaultCorpus is where import writes unless told otherwise: the corpus
// folder of a checkout, when run from its top.
const defaultCorpus = "corpus"

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("import", stderr)
	dir := fl.String("corpus", "", "write article files into `DIR` (default: PARLEY_CORPUS, else ./corpus)")
	outlet := fl.String("outlet", "", "the outlet of .txt files, and of pages that name none")
	published := fl.String("published", "", "the publication date (YYYY-MM-DD, YYYY-MM or YYYY) of .txt files, and of pages that state none")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("import needs a file or folder to import")
	}
	var d importer.Defaults
	if d.Published, err = corpus.ParseDate(*published); err != nil {
		return usagef("--published: %v", err)
	}
	d.Outlet = *outlet
	if *dir == "" {
		*dir = config.Read(os.LookupEnv).Corpus
	}
	if *dir == "" {
		*dir = defaultCorpus
	}
	files, errs := importer.Inputs(pos)
	for _, err := range errs {
		fmt.Fprintf(stderr, "error      %v\n", err)
	}
	failed, err := importFiles(ctx, files, *dir, d, stdout, stderr)
	if err != nil {
		return err
	}
	if n := failed + len(errs); n > 0 {
		return fmt.Errorf("import: %d of %d files could not be imported", n, len(files)+len(errs))
	}
	return nil
}

// importFiles imports each file into the corpus folder dir, printing one
// line per file, and returns how many failed. Its error is for the folder
// as a whole, or an interruption.
func importFiles(ctx context.Context, files []string, dir string, d importer.Defaults, stdout, stderr io.Writer) (int, error) {
	p, err := corpus.NewParser()
	if err != nil {
		return 0, err
	}
	var scan *progress.Bar
	folder, err := importer.OpenFolder(dir, p, func(_, total int) {
		if scan == nil {
			scan = progress.New(stderr, total, "reading "+dir)
		}
		scan.Add(1)
	})
	scan.Finish()
	if err != nil {
		return 0, err
	}
	conv := importer.NewConverter(p)
	bar := progress.New(stderr, len(files), "importing")
	defer bar.Finish()
	failed := 0
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		res, err := importFile(conv, folder, name, d)
		bar.Clear()
		switch {
		case err != nil:
			failed++
			fmt.Fprintf(stderr, "error      %v\n", err)
		case res.Unchanged:
			fmt.Fprintf(stdout, "unchanged  %s (%s as %s)\n", name, res.Reason, res.Path)
		default:
			fmt.Fprintf(stdout, "imported   %s → %s\n", name, res.Path)
		}
		bar.Add(1)
	}
	return failed, nil
}

func importFile(conv *importer.Converter, folder *importer.Folder, name string, d importer.Defaults) (importer.Result, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return importer.Result{}, err
	}
	a, err := conv.Convert(name, data, d)
	if err != nil {
		return importer.Result{}, err
	}
	return folder.Add(a)
}
