package timeline

import (
	"strings"
	"testing"
	"time"

	"github.com/storybot/storybot/answer"
)

func TestDateOf(t *testing.T) {
	friday := time.Date(2025, time.August, 22, 0, 0, 0, 0, time.UTC) // a Friday
	for _, tc := range []struct {
		name, text string
		anchored   bool
		want       string // "" when no date
		phrase     string
	}{
		{"full date", "released on August 22, 2025 by KCNA", false, "2025-08-22", "August 22, 2025"},
		{"day first", "On 21 August 2025 he met officers.", false, "2025-08-21", "21 August 2025"},
		{"abbreviated month and day", "state media reported on Aug. 21.", true, "2025-08-21", "Aug. 21"},
		{"month and day, undated article", "state media reported on Aug. 21.", false, "", ""},
		{"a month of this year", "lawmakers said in April, citing", true, "April 2025", "in April"},
		{"a later month is last year's", "the treaty signed in December", true, "December 2024", "in December"},
		{"month of last year", "Mr. Kim in Pyongyang in June last year and signed", true, "June 2024", "in June last year"},
		{"month and year beat the month", "Kim Jong Un in June, 2019.", true, "June 2019", "June, 2019"},
		{"weekday: the article's own day", "state media said on Friday.", true, "2025-08-22", "on Friday"},
		{"weekday: earlier that week", "He met them on Thursday.", true, "2025-08-21", "on Thursday"},
		{"weekday, undated article", "Kim Jong-un on Friday honored fallen soldiers", false, "", ""},
		{"a year", "deploying combat troops to Russia in late 2024, initially", false, "2024", "late 2024"},
		{"the fall of a year", "deployed in the fall of 2024, President", false, "2024", "in the fall of 2024"},
		{"last year", "a foothold there last year.", true, "2024", "last year"},
		{"the first date wins", "On June 30, state TV showed coffins; in April, lawmakers", true, "2025-06-30", "June 30"},
		{"numbers are not years", "sending an additional 20,000 to 30,000 troops, 2000 more", true, "", ""},
		{"May the verb", "the true number may be lower. May we see", true, "", ""},
		{"no date", "Kim praised their overseas mission.", true, "", ""},
		{"not a day", "on February 30, 2025", false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, phrase, ok := DateOf(tc.text, friday, tc.anchored)
			if tc.want == "" {
				if ok {
					t.Errorf("DateOf(%q) = %v (%q), want no date", tc.text, d, phrase)
				}
				return
			}
			if !ok || d.String() != tc.want || phrase != tc.phrase {
				t.Errorf("DateOf(%q) = %v (%q) %v, want %s (%q)", tc.text, d, phrase, ok, tc.want, tc.phrase)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	reuters := answer.Source{File: "000.md", Outlet: "Reuters", Date: "2025-08-22"}
	undated := answer.Source{File: "004.md", Outlet: "ABC"}
	events := Build([]Article{
		{Source: reuters, Passages: []string{
			"Kim decorated soldiers, state media said on Friday.",
			"State TV aired footage on Friday.", // the same date again: left out
			"Kim praised the mission.",          // no date: left out
			"About 600 troops have been killed, lawmakers said in April.",
		}},
		{Source: undated, Passages: []string{
			"Kim Jong-un on Friday honored fallen soldiers.", // relative, undated article: left out
			"North Korea sent more than 10,000 troops to Russia in 2024.",
			"North Korea only confirmed in April that it had deployed troops.",
		}},
	})
	var got []string
	for _, e := range events {
		got = append(got, e.Date.String()+" "+e.Source.Outlet+": "+e.Quote)
	}
	want := []string{
		"2024 ABC: North Korea sent more than 10,000 troops to Russia in 2024.",
		"April 2025 Reuters: About 600 troops have been killed, lawmakers said in April.",
		"2025-08-22 Reuters: Kim decorated soldiers, state media said on Friday.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Build:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
