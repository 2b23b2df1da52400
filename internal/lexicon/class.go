package lexicon

import (
	"errors"
	"strings"
)

// Class is a set of the semantic classes of a word's noun senses, which
// WordNet's hypernym hierarchy gives them (words.txt's header lists the
// synsets that define each class). For each class it records whether one
// of the word's first 2 noun senses has it (Has) and whether the first
// has it (HasFirst): "minister" is a person in both, "newspaper" a group
// only in its second sense (the publisher; the first is the paper).
type Class uint16

// The classes, one bit each.
const (
	// Person: a person.n.01, or a named one (mediator, official,
	// minister; Ali).
	Person Class = 1 << iota
	// Place: a location.n.01, land or water, or a named one (region,
	// city, border, island, gulf; Rome, Oman, Geneva).
	Place
	// Group: a social_group.n.01, organizations included, or a named one
	// (government, agency, party, council; Hizballah).
	Group
	// Time: a time period, time unit, point or interval of time (year,
	// June, Thursday, week, deadline).
	Time
	// Quantity: a measure, amount, number, unit of measurement or
	// magnitude relation that is not a time (dollar, percent, twelve).
	Quantity
)

// classLetters are the classes' letters in words.txt, in the order of
// their bits; the letter is a capital when the first noun sense has the
// class.
const classLetters = "plgtq"

// firstShift shifts a class's bit to the one that records it of the
// first noun sense.
const firstShift = 8

// classNames are the classes' names, in the order of their bits.
func classNames() [len(classLetters)]string {
	return [...]string{"person", "place", "group", "time", "quantity"}
}

// allClasses is the set of every class.
const allClasses = Class(1)<<len(classLetters) - 1

// Has reports whether one of the first 2 noun senses of c's word has each
// class of k (false for no class).
func (c Class) Has(k Class) bool {
	k &= allClasses
	return k != 0 && c&k == k
}

// HasFirst reports whether the first noun sense of c's word has each
// class of k (false for no class).
func (c Class) HasFirst(k Class) bool {
	k &= allClasses
	return k != 0 && c>>firstShift&k == k
}

// String returns the names of c's classes, comma-separated, in the order
// of the constants, each of the first noun sense followed by "(first)":
// "place(first),group" (Rome, the city and the Church); "none" for no
// class.
func (c Class) String() string {
	var b strings.Builder
	for i, name := range classNames() {
		k := Class(1) << i
		if !c.Has(k) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(name)
		if c.HasFirst(k) {
			b.WriteString("(first)")
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// parseClasses returns the classes of a words.txt classes field, which
// checkClasses found right.
func parseClasses(field string) Class {
	var c Class
	for i := range len(field) {
		x := field[i]
		j := strings.IndexByte(classLetters, x|0x20) // lower-cased
		if j < 0 {
			continue // "-"
		}
		c |= 1 << j
		if x < 'a' {
			c |= 1 << (j + firstShift)
		}
	}
	return c
}

// checkClasses reports what is wrong with a words.txt classes field: "-",
// or class letters in the order of classLetters, each once.
func checkClasses(field string) error {
	if field == "-" {
		return nil
	}
	if field == "" {
		return errors.New("no classes field")
	}
	last := -1
	for i := range len(field) {
		// Only a class letter or its capital lower-cases to a class letter.
		j := strings.IndexByte(classLetters, field[i]|0x20)
		if j <= last {
			return errors.New("bad classes " + field)
		}
		last = j
	}
	return nil
}
