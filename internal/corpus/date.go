package corpus

import (
	"fmt"
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
