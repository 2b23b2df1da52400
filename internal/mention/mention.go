// Package mention takes chat mentions out of a question before it is
// searched. A mention names a person, a role or a channel for the
// platform, not for the coverage: "cc <@U0OTHER123>" must not turn a
// covered question into "The coverage doesn't mention U0OTHER123."
//
// Each adapter translates its own platform's markup; Strip then removes
// what is still shaped like a mention of either platform, as a person may
// type or paste one literally.
package mention

import (
	"regexp"
	"strings"
)

// mentions matches Slack's <@U…>, <@U…|name>, <#C…|name>, <!here>,
// <!subteam^S…|@team> and Discord's <@id>, <@!id>, <@&id>, <#id> and
// </command:id>.
var mentions = regexp.MustCompile(`<(?:[@#!][^<>\s|]*(?:\|[^<>]*)?|/[\w -]{1,64}:[0-9]+)>`)

// Strip removes every mention from text and collapses the white space
// left behind.
func Strip(text string) string {
	if !strings.Contains(text, "<") {
		return text
	}
	return strings.Join(strings.Fields(mentions.ReplaceAllString(text, " ")), " ")
}
