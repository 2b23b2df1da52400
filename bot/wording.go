package bot

import (
	"fmt"
	"strings"
)

// The sentences a reader sees from an adapter rather than in an answer:
// apologies, refusals and acknowledgements. They are written once here so
// that Slack and Discord say the same thing in the same words; the
// adapters only choose which to show.
const (
	// Restarting tells an asker that Parley stopped before answering.
	Restarting = "Parley is restarting — please ask again in a moment."
	// Busy tells an asker that Parley's queue of questions is full.
	Busy = "Parley is answering a great many questions just now — please ask again in a minute."
	// RateLimited tells a person asking too fast to wait.
	RateLimited = "You're asking faster than I can answer well — please wait a minute, then ask again."
	// Expired answers a button on an answer Parley no longer remembers.
	Expired = "This answer has expired — please ask again."
	// Unshowable apologises for an answer the platform refused to show.
	Unshowable = "Sorry, I couldn't show that answer here. Please try again."
	// Late apologises for an answer that could not be delivered in time.
	Late = "Sorry, I couldn't get my answer to you in time — please ask again."
	// NotPosted apologises for an answer the platform would not take.
	NotPosted = "Sorry, I couldn't post my answer; please try again in a moment."
	// NotInvited asks to be invited to a channel Parley cannot post in.
	NotInvited = "I couldn't post in this channel — please invite me with /invite @Parley."
	// Archived says a channel is archived.
	Archived = "I can't post in an archived channel."
	// Restricted says the workspace does not let Parley post here.
	Restricted = "I'm not allowed to post in this channel."
	// Thanks acknowledges a reader's 👍 or 👎.
	Thanks = "Thanks for the feedback — it tells the newsroom which answers work and what the coverage misses."
	// AlreadyVoted answers a second 👍 or 👎 on one answer by one reader.
	AlreadyVoted = "You've already given feedback on this answer — thanks."
	// NothingToCopy answers "Copy citation" on an answer without quotes.
	NothingToCopy = "This answer has no quotes to copy."
	// Elsewhere answers a mention in a channel Parley does not answer in.
	Elsewhere = "I don't answer in this channel — ask me in a direct message, or with /talks here."
	// UnknownCommand answers a command Parley does not have.
	UnknownCommand = "I only know /ask, /timeline and /sources."
)

// The labels of the buttons under an answer, the same on every platform.
const (
	CopyLabel = "Copy citation"
	UpLabel   = "👍"
	DownLabel = "👎"
)

// PlatformBusy tells an asker that the platform itself (platform names it,
// "Slack") is refusing Parley's posts for now.
func PlatformBusy(platform string) string {
	return platform + " is busy right now; please ask me again in a minute."
}

// Title returns a timeline's heading: "Timeline", or "Timeline: <topic>".
func (t Timeline) Title() string {
	if strings.TrimSpace(t.Topic) == "" {
		return "Timeline"
	}
	return "Timeline: " + t.Topic
}

// Footer returns the line that ends a timeline, as Answer.Footer does an
// answer.
func (t Timeline) Footer() string { return Answer{AsOf: t.AsOf}.Footer() }

// MoreQuotes says how many quotes a reply leaves out.
func MoreQuotes(n int) string {
	if n == 1 {
		return "…and 1 more quote."
	}
	return fmt.Sprintf("…and %d more quotes.", n)
}

// MoreEvents says how many events of a timeline a reply leaves out.
func MoreEvents(n int) string {
	if n == 1 {
		return "…and 1 more event."
	}
	return fmt.Sprintf("…and %d more events.", n)
}
