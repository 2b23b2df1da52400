// Command parley answers newsroom questions about the US–Iran talks with
// verbatim quotes from its corpus of articles, each with a citation.
//
//	parley ask "What did the mediators say about the first round?"
//	parley ask --json "question"      one JSON object
//	parley ask                        questions from a terminal or stdin
//	parley eval FILE                  score a question set
//	parley sources                    list the articles
//	parley serve                      answer on Slack and Discord
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop) // a second signal kills at once
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "parley: %v\n", err)
	}
	os.Exit(exitCode(err))
}
