// Package timeline puts the story's dated events in order: each event is a
// passage quoted word for word, with its source and the date it refers to.
// Dates are read from the passage's own words ("on Aug. 21", "in April",
// "on Friday", "in late 2024"); a relative one is resolved against the
// article's date, and left out when the article has none. Passages with
// no date stay out. It is plain Go with hand-written rules for English.
package timeline

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storybot/storybot/answer"
)

// Article is one article's passages, in reading order, and its source.
type Article struct {
	Source   answer.Source
	Passages []string
}

// Date is a day, a month or a year: Month and Day are 0 when the text does
// not say.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// String is "2025-08-22", "April 2025" or "2024".
func (d Date) String() string {
	switch {
	case d.Day > 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	case d.Month > 0:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	}
	return strconv.Itoa(d.Year)
}

func (d Date) before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// Event is a passage and the date it refers to. Phrase is the words the
// date was read from ("on Friday").
type Event struct {
	Date   Date
	Phrase string
	Quote  string
	Source answer.Source
}

// Build lists the dated passages of articles by date, earliest first;
// events of the same date keep the order of the articles. An article gives
// at most one event per date: the first passage that names it.
func Build(articles []Article) []Event {
	var out []Event
	for _, a := range articles {
		anchor, anchored := articleDate(a.Source.Date)
		seen := map[Date]bool{}
		for _, p := range a.Passages {
			d, phrase, ok := DateOf(p, anchor, anchored)
			if !ok || seen[d] {
				continue
			}
			seen[d] = true
			out = append(out, Event{Date: d, Phrase: phrase, Quote: p, Source: a.Source})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.before(out[j].Date) })
	return out
}

// articleDate reads an article's front-matter date (2006-01-02).
func articleDate(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	return t, err == nil
}

const monthNames = `January|February|March|April|May|June|July|August|September|October|November|December|` +
	`Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.`

// The rules, most precise first. A year is 19xx or 20xx, and a bare month
// or year counts only after a word that makes it a date ("in April",
// "late 2024"): "May" and "2000" are often something else.
var (
	reMonthDayYear = regexp.MustCompile(`\b(` + monthNames + `) (\d{1,2}),? ((?:19|20)\d{2})\b`)
	reDayMonthYear = regexp.MustCompile(`\b(\d{1,2}) (` + monthNames + `),? ((?:19|20)\d{2})\b`)
	reMonthDay     = regexp.MustCompile(`\b(` + monthNames + `) (\d{1,2})\b`)
	reMonthYear    = regexp.MustCompile(`\b(` + monthNames + `),? ((?:19|20)\d{2})\b`)
	reMonth        = regexp.MustCompile(`\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-) (` + monthNames + `)\b`)
	reWeekday      = regexp.MustCompile(`\b[Oo]n (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	reYear         = regexp.MustCompile(`\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)[ -](?:the )?(?:(?:fall|autumn|spring|summer|winter|end|beginning|start) of )?((?:19|20)\d{2})\b`)
	reMonthLast    = regexp.MustCompile(`\b(?:[Ii]n )?(` + monthNames + `) (?:of )?last year\b`)
	reLastYear     = regexp.MustCompile(`\b[Ll]ast (year|autumn|fall|spring|summer|winter)\b`)
)

// DateOf reads the first date a passage names (of two readings of the
// same words, the longer: "in June, 2019" is not "in June"). anchor is its article's
// date, used for dates the text gives only in part ("on Friday", "in
// April", "Aug. 21"); without it (anchored false) those are not dates.
func DateOf(text string, anchor time.Time, anchored bool) (Date, string, bool) {
	type found struct {
		at, end int
		d       Date
	}
	var best *found
	consider := func(at, end int, d Date) {
		switch {
		case best == nil:
		case at < best.end && best.at < end: // the same words
			if end-at <= best.end-best.at {
				return
			}
		case at > best.at:
			return
		}
		best = &found{at, end, d}
	}
	for _, m := range reMonthDayYear.FindAllStringSubmatchIndex(text, -1) {
		if d, ok := day(atoi(text[m[6]:m[7]]), month(text[m[2]:m[3]]), atoi(text[m[4]:m[5]])); ok {
			consider(m[0], m[1], d)
		}
	}
	for _, m := range reDayMonthYear.FindAllStringSubmatchIndex(text, -1) {
		if d, ok := day(atoi(text[m[6]:m[7]]), month(text[m[4]:m[5]]), atoi(text[m[2]:m[3]])); ok {
			consider(m[0], m[1], d)
		}
	}
	for _, m := range reMonthYear.FindAllStringSubmatchIndex(text, -1) {
		consider(m[0], m[1], Date{Year: atoi(text[m[4]:m[5]]), Month: month(text[m[2]:m[3]])})
	}
	for _, m := range reYear.FindAllStringSubmatchIndex(text, -1) {
		consider(m[0], m[1], Date{Year: atoi(text[m[2]:m[3]])})
	}
	if anchored {
		for _, m := range reMonthDay.FindAllStringSubmatchIndex(text, -1) {
			mo := month(text[m[2]:m[3]])
			y := anchor.Year()
			if mo > anchor.Month() {
				y-- // "Dec. 30" in an article of January
			}
			if d, ok := day(y, mo, atoi(text[m[4]:m[5]])); ok {
				consider(m[0], m[1], d)
			}
		}
		for _, m := range reMonth.FindAllStringSubmatchIndex(text, -1) {
			mo := month(text[m[2]:m[3]])
			y := anchor.Year()
			if mo > anchor.Month() {
				y--
			}
			consider(m[0], m[1], Date{Year: y, Month: mo})
		}
		for _, m := range reWeekday.FindAllStringSubmatchIndex(text, -1) {
			// The latest such day on or before the article's date: news
			// says "on Friday" of the week it reports.
			want := weekday(text[m[2]:m[3]])
			t := anchor.AddDate(0, 0, -((int(anchor.Weekday()) - int(want) + 7) % 7))
			consider(m[0], m[1], Date{Year: t.Year(), Month: t.Month(), Day: t.Day()})
		}
		for _, m := range reMonthLast.FindAllStringSubmatchIndex(text, -1) {
			consider(m[0], m[1], Date{Year: anchor.Year() - 1, Month: month(text[m[2]:m[3]])})
		}
		for _, m := range reLastYear.FindAllStringSubmatchIndex(text, -1) {
			consider(m[0], m[1], Date{Year: anchor.Year() - 1})
		}
	}
	if best == nil {
		return Date{}, "", false
	}
	return best.d, text[best.at:best.end], true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// day checks that y-m-d is a real day.
func day(y int, m time.Month, d int) (Date, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if m == 0 || t.Month() != m || t.Day() != d {
		return Date{}, false
	}
	return Date{Year: y, Month: m, Day: d}, true
}

func month(name string) time.Month {
	name = strings.TrimSuffix(name, ".")
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(m.String(), name) {
			return m
		}
	}
	return 0
}

func weekday(name string) time.Weekday {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == name {
			return d
		}
	}
	return time.Sunday
}
