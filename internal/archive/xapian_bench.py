#!/usr/bin/python3
"""Reference benchmark: the passages of a generated archive in Xapian, BM25.

Gives the figures the Go benchmark BenchmarkBleveDefault gives for Bleve,
on the same passages and the same 200 questions: build throughput, index
size, answer p50/p99 with one and two workers, peak RSS. It is not run by
CI or go test. To run it (Debian: apt-get install python3-xapian):

    go run ./internal/archive/gen -n 100000 -o /tmp/archive-100k
    /usr/bin/python3 internal/archive/xapian_bench.py /tmp/archive-100k

Each passage is one document: its title, section and text indexed as free
text with the English stemmer (Xapian's usual setup), its text stored. A
question is parsed as a plain bag of words (no operators) and answered with
the top 10 by BM25, each hit's text read. Two workers are two processes,
each with its own database handle: the Python bindings hold the GIL.
Serving figures come from fresh processes, so the build's memory is not
counted in them.
"""

import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time

import xapian

ROUNDS = 5  # each question is asked ROUNDS times per worker setup


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def peak_rss_mib():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent
    # through fork and exec, so a fresh worker would report the build's.
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build(passages, path):
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    start = time.perf_counter()
    for p in passages:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(p["title"])
        tg.increase_termpos()
        tg.index_text(p["section"])
        tg.increase_termpos()
        tg.index_text(p["text"])
        doc.set_data(p["text"])
        db.replace_document("Q" + p["id"], doc)
    db.commit()
    db.close()
    return time.perf_counter() - start


def index_mib(path):
    size = 0
    for root, _, files in os.walk(path):
        size += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return size / (1 << 20)


def worker(path, questions, out):
    """Ask every question ROUNDS times after a warm-up round; send back
    the latencies in seconds and this process's peak RSS."""
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())

    def ask(q):
        start = time.perf_counter()
        enquire.set_query(qp.parse_query(q, 0))
        for m in enquire.get_mset(0, 10):
            m.document.get_data()
        return time.perf_counter() - start

    for q in questions:
        ask(q)
    latencies = [ask(q) for _ in range(ROUNDS) for q in questions]
    out.put((latencies, peak_rss_mib()))


def serve(path, questions, workers):
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=worker, args=(path, questions[w::workers], out)) for w in range(workers)]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = sorted(t for r, _ in results for t in r)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000
    return p50, p99, max(rss for _, rss in results)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: xapian_bench.py ARCHIVE_DIR (written by go run ./internal/archive/gen)")
    archive = sys.argv[1]
    passages = read_jsonl(os.path.join(archive, "passages.jsonl"))
    questions = [q["question"] for q in read_jsonl(os.path.join(archive, "questions.jsonl"))]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "xapian")
        seconds = build(passages, path)
        print(f"xapian {xapian.version_string()}: {len(passages)} passages, {len(questions)} questions")
        print(f"build: {seconds:.1f} s, {len(passages) / seconds:.0f} passages/s, "
              f"peak RSS {peak_rss_mib():.0f} MiB (passages held in memory)")
        print(f"index: {index_mib(path):.1f} MiB")
        for workers in (1, 2):
            p50, p99, rss = serve(path, questions, workers)
            print(f"answer, {workers} worker(s): p50 {p50:.2f} ms, p99 {p99:.2f} ms, peak RSS {rss:.0f} MiB per process")


if __name__ == "__main__":
    main()
