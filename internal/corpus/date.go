package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a publication date as precise as the article states it: a year,
// a month of a year, or a day. The zero Date means the article states none.
type Date struct {
	Year  int
	Month time.Month // 0 when only the year is known
	Day   int        // 0 when only the month is known
}

// ParseDate reads "2026", "2026-06" or "2026-06-23"; "" is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	for _, layout := range []struct {
		form  string
		month bool
		day   bool
	}{{"2006-01-02", true, true}, {"2006-01", true, false}, {"2006", false, false}} {
		t, err := time.Parse(layout.form, s)
		if err != nil {
			continue
		}
		d := Date{Year: t.Year()}
		if layout.month {
			d.Month = t.Month()
		}
		if layout.day {
			d.Day = t.Day()
		}
		return d, nil
	}
	return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String returns the date in the form it was written: "2026-06-23",
// "2026-06", "2026", or "" when unknown.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
}

// Human returns the date for a reader: "June 23, 2026", "June 2026",
// "2026", or "" when unknown.
func (d Date) Human() string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	default:
		return fmt.Sprintf("%s %d, %d", d.Month, d.Day, d.Year)
	}
}

// Time returns the first instant the date can mean, in UTC.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = time.January
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, m, day, 0, 0, 0, 0, time.UTC)
}

// After reports whether d is later than e; a known date is later than an
// unknown one.
func (d Date) After(e Date) bool {
	return d.Time().After(e.Time())
}

// Mention is a date a text states, and where: "April 17, 2025", "June
// 2026", "in 2018".
type Mention struct {
	Date       Date
	Start, End int // byte range in the text
}

var months = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March, "april": time.April,
	"may": time.May, "june": time.June, "july": time.July, "august": time.August,
	"september": time.September, "october": time.October, "november": time.November, "december": time.December,
}

// hasYear reports whether text holds four digits starting 19 or 20, as
// every date mentionRE finds does.
func hasYear(text string) bool {
	for i := 0; i+4 <= len(text); i++ {
		if (text[i] == '1' && text[i+1] == '9' || text[i] == '2' && text[i+1] == '0') && isDigit(text[i+2]) && isDigit(text[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// mentionRE finds "April 17, 2025", "17 April 2025", "June 2026" and a
// year standing alone ("in 2018", "the 1979 revolution"). A month without a
// year ("in May") is left out: its year is a guess.
var mentionRE = regexp.MustCompile(`\b(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+((?:19|20)\d\d)` +
	`|(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)` +
	`|(January|February|March|April|May|June|July|August|September|October|November|December),?\s+((?:19|20)\d\d)` +
	`|((?:19|20)\d\d))\b`)

// Mentions returns the dates text states, in order. A year that is part
// of a figure ("2,018", "2018.5") is not a date.
func Mentions(text string) []Mention {
	if !hasYear(text) {
		return nil // every mention has a year; most passages have none
	}
	var out []Mention
	for _, m := range mentionRE.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		var d Date
		switch {
		case g(1) != "":
			d = Date{Year: atoi(g(3)), Month: months[strings.ToLower(g(1))], Day: atoi(g(2))}
		case g(4) != "":
			d = Date{Year: atoi(g(6)), Month: months[strings.ToLower(g(5))], Day: atoi(g(4))}
		case g(7) != "":
			d = Date{Year: atoi(g(8)), Month: months[strings.ToLower(g(7))]}
		default:
			if partOfFigure(text, m[0], m[1]) {
				continue
			}
			d = Date{Year: atoi(g(9))}
		}
		if d.Day > 31 {
			continue
		}
		out = append(out, Mention{Date: d, Start: m[0], End: m[1]})
	}
	return out
}

// partOfFigure reports whether text[start:end] is digits within a larger
// number ("2,018", "1.2018", "$2018").
func partOfFigure(text string, start, end int) bool {
	before, after := "", ""
	if start > 0 {
		before = text[start-1 : start]
	}
	if end < len(text) {
		after = text[end:min(end+2, len(text))]
	}
	return strings.ContainsAny(before, ",.$€£") ||
		len(after) == 2 && strings.ContainsAny(after[:1], ",.") && after[1] >= '0' && after[1] <= '9' ||
		strings.HasPrefix(after, "%")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// Contains reports whether d falls within e's period: the day, month or
// year e names ("2025-04" contains April 17, 2025).
func (e Date) Contains(d Date) bool {
	return !e.IsZero() && d.Year == e.Year &&
		(e.Month == 0 || d.Month == e.Month) && (e.Day == 0 || d.Day == e.Day)
}
