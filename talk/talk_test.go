package talk

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		want Kind
	}{
		// Greetings, alone or with fillers.
		{"hi", Greeting},
		{"Hi!", Greeting},
		{"hello there", Greeting},
		{"Hey storybot", Greeting},
		{"good morning!", Greeting},
		{"what's up?", Greeting},
		{"whats up", Greeting},
		{"How are you?", Greeting},
		{"hi, how are you doing?", Greeting},
		{"👋", Greeting},
		{"storybot?", Greeting},
		{"  HELLO  ", Greeting},
		// Thanks and acknowledgements.
		{"thanks", Thanks},
		{"Thank you!", Thanks},
		{"thank you so much", Thanks},
		{"thx", Thanks},
		{"ok thanks", Thanks},
		{"great, thanks!", Thanks},
		{"cool", Thanks},
		{"👍", Thanks},
		{"🙏🙏", Thanks},
		{"no thanks", Thanks},
		{"got it, thank you bot", Thanks},
		// Goodbyes.
		{"bye", Goodbye},
		{"goodbye!", Goodbye},
		{"thanks, bye", Goodbye},
		{"see you later", Goodbye},
		// Help and "what can you do".
		{"help", Help},
		{"Help!", Help},
		{"help please", Help},
		{"/help", Help},
		{"?", Help},
		{"what can you do?", Help},
		{"What can you do", Help},
		{"hi, what can you do?", Help},
		{"hello! how does this work?", Help},
		{"what can I ask you?", Help},
		{"what do you know?", Help},
		{"how do I use this", Help},
		{"commands", Help},
		{"what is this bot?", Help},
		{"what is the story?", Help},
		{"can you help me?", Help},
		// Timeline.
		{"timeline", Timeline},
		{"/timeline", Timeline},
		{"show me the timeline please", Timeline},
		{"what's the timeline?", Timeline},
		{"timeline of the deployment", Question},
		// Sources.
		{"sources", Sources},
		{"Sources?", Sources},
		{"/sources", Sources},
		{"what are your sources?", Sources},
		{"which articles do you use?", Sources},
		{"list the articles please", Sources},
		{"hi, what sources do you have?", Sources},
		{"where do you get your information?", Sources},
		{"which outlets?", Sources},
		// Who made you, and the like.
		{"who made you?", About},
		{"Who created you", About},
		{"are you a bot?", About},
		{"who are you", About},
		{"what's your name?", About},
		{"are you chatgpt?", About},
		{"hi! who built you?", About},
		// Not English: by script…
		{"북한 군인 몇 명이 죽었나요?", NotEnglish},
		{"Сколько северокорейских солдат погибло?", NotEnglish},
		{"朝鲜士兵死了多少人？", NotEnglish},
		{"北朝鮮の兵士は何人死亡しましたか", NotEnglish},
		{"كم عدد الجنود الذين قتلوا؟", NotEnglish},
		{"Πόσοι στρατιώτες σκοτώθηκαν;", NotEnglish},
		{"안녕하세요", NotEnglish},
		{"привет", NotEnglish},
		// …and by common words of other languages in Latin letters.
		{"Combien de soldats nord-coréens sont morts ?", NotEnglish},
		{"Qui a décoré les soldats ?", NotEnglish},
		{"¿Cuántos soldados murieron?", NotEnglish},
		{"Quién es Kim Jong Un?", NotEnglish},
		{"Wie viele Soldaten wurden getötet?", NotEnglish},
		{"Quanti soldati sono morti?", NotEnglish},
		{"Quantos soldados morreram?", NotEnglish},
		{"skolko soldat pogiblo", NotEnglish},
		{"kto nagradil soldat?", NotEnglish},
		{"hola", NotEnglish},
		{"merci", NotEnglish},
		{"bonjour", NotEnglish},
		{"spasibo", NotEnglish},
		{"danke", NotEnglish},
		{"annyeonghaseyo", NotEnglish},
		// Real questions: a small-talk word inside never decides.
		{"what weapons would help modernize the army?", Question},
		{"how did Russia help North Korea?", Question},
		{"help with what?", Question},
		{"what are the sources of the casualty figures?", Question},
		{"which sources said 600 died?", Question},
		{"who made the announcement?", Question},
		{"who created the medals?", Question},
		{"thanks to whom were the soldiers decorated?", Question},
		{"hi, how many soldiers died?", Question},
		{"hello, where was the ceremony?", Question},
		{"how many soldiers died", Question},
		{"what did Kim say", Question},
		{"who did Kim decorate?", Question},
		{"when?", Question},
		{"and how many were wounded?", Question},
		{"what about Russia?", Question},
		{"who said that?", Question},
		{"what is the story about the soldiers?", Question},
		{"what did the articles say about Kursk?", Question},
		{"are you sure about the 600 dead?", Question},
		{"good morning Pyongyang was the slogan?", Question},
		{"Kursk", Question},
		{"start of the war", Question},
		// English questions with a foreign name or word stay questions.
		{"who is 김정은?", Question},
		{"what does the word spasibo mean?", Question},
		{"did Le Monde report the ceremony?", Question},
		{"what did Kim say at the ceremony in Pyongyang?", Question},
		{"how many North Korean soldiers were sent to Kursk in Russia?", Question},
		{"what is Kim Jong Un's title?", Question},
		{"was the Hero of the DPRK title given?", Question},
		{"what did Yonhap say about the 15,000 troops?", Question},
		{"", Question},
		{"   ", Question},
	} {
		t.Run(tc.msg, func(t *testing.T) {
			if got := Classify(tc.msg); got != tc.want {
				t.Errorf("Classify(%q) = %v, want %v", tc.msg, got, tc.want)
			}
		})
	}
}

func TestFollowUp(t *testing.T) {
	const (
		killed   = "how many North Korean soldiers were killed?"
		kimSaid  = "What did Kim say about the soldiers?"
		decorate = "who did Kim decorate?"
		sent     = "how many soldiers did North Korea send?"
		where    = "where was the ceremony held?"
	)
	for _, tc := range []struct {
		prev, q string
		want    string // "" when q stands on its own
	}{
		// "and …" with no noun of its own takes the previous subject.
		{killed, "and how many were wounded?", "how many North Korean soldiers were wounded?"},
		{killed, "how many were wounded?", "how many North Korean soldiers were wounded?"},
		{killed, "And how many were wounded", "how many North Korean soldiers were wounded?"},
		{decorate, "and how many were there?", "who did Kim decorate, and how many were there?"},
		{killed, "and who was wounded?", "how many North Korean soldiers were killed, and who was wounded?"},
		// "what about X": a name for a name, a noun for a noun.
		{kimSaid, "what about Putin?", "What did Putin say about the soldiers?"},
		{killed, "What about Russia?", "how many North Korean soldiers were killed, and what about Russia?"},
		{killed, "what about Russian soldiers?", "how many Russian soldiers were killed?"},
		{killed, "and Ukrainian?", "how many Ukrainian soldiers were killed?"},
		{"what did Kim Jong Un say?", "what about Putin?", "what did Putin say?"},
		{"how many soldiers did Pakistan send?", "what about Iran?", "how many soldiers did Iran send?"},
		{"how many soldiers were killed?", "what about civilians?", "how many civilians were killed?"},
		{"how many soldiers were killed?", "what about the wounded?", "how many soldiers were killed, and what about the wounded?"},
		{kimSaid, "how about Shoigu", "What did Shoigu say about the soldiers?"},
		{kimSaid, "and Putin?", "What did Putin say about the soldiers?"},
		{"how many soldiers were killed?", "and the wounded?", "how many soldiers were killed, and the wounded?"},
		// A bare question word takes the whole previous question.
		{decorate, "when?", "when did Kim decorate?"},
		{where, "when?", "when was the ceremony held?"},
		{killed, "where?", "where were North Korean soldiers killed?"},
		{sent, "when?", "when did North Korea send soldiers?"},
		{sent, "why?", "why did North Korea send soldiers?"},
		{decorate, "how many?", "how many did Kim decorate?"},
		{decorate, "And when exactly?", "when did Kim decorate?"},
		{"who was decorated?", "when?", "who was decorated, and when?"},
		{"Kim medals ceremony", "when?", "Kim medals ceremony, and when?"},
		// Pronoun-only questions lean on the previous one.
		{killed, "who said that?", "how many North Korean soldiers were killed, and who said that?"},
		{kimSaid, "when did he say it?", "What did Kim say about the soldiers, and when did he say it?"},
		{where, "why was it there?", "where was the ceremony held, and why was it there?"},
		{killed, "is that true?", "how many North Korean soldiers were killed, and is that true?"},
		// Questions that stand on their own are left alone.
		{killed, "where was the ceremony held?", ""},
		{killed, "who did Kim decorate?", ""},
		{killed, "what did Putin say about the soldiers?", ""},
		{killed, "how many soldiers were wounded?", ""},
		{killed, "Kursk", ""},
		{killed, "what weapons would help modernize the army?", ""},
		{killed, "when did the ceremony take place?", ""},
		{"", "when?", ""},
		{killed, "", ""},
		// "and …" with a subject of its own drops only the "and".
		{killed, "and how many soldiers were wounded in Kursk?", "how many soldiers were wounded in Kursk?"},
		// "how many" or "which" with a subject of its own is a question.
		{killed, "how much did the medals cost?", ""},
		{killed, "how much is a ream of paper?", ""},
		{killed, "how many have accomplished climbing mt Everest?", ""},
		{killed, "which was the first country to react?", ""},
		{killed, "how many were wounded in Kursk?", "how many North Korean soldiers were wounded in Kursk?"},
		{killed, "how many have died since?", "how many North Korean soldiers have died since?"},
		{killed, "what about me and my family?", "how many North Korean soldiers were killed, and what about me and my family?"},
	} {
		t.Run(tc.prev+" → "+tc.q, func(t *testing.T) {
			got, ok := FollowUp(tc.prev, tc.q)
			if tc.want == "" {
				if ok {
					t.Errorf("FollowUp(%q, %q) = %q, want the question left alone", tc.prev, tc.q, got)
				}
				return
			}
			if !ok || got != tc.want {
				t.Errorf("FollowUp(%q, %q) = %q, %v; want %q", tc.prev, tc.q, got, ok, tc.want)
			}
		})
	}
}

func TestFollowUpStaysBounded(t *testing.T) {
	q := "how many soldiers were killed?"
	for i := range 100 {
		next, ok := FollowUp(q, "and who said that?")
		if !ok {
			if i == 0 {
				t.Fatal("the first follow-up was not rewritten")
			}
			return
		}
		if len([]rune(next)) > MaxRewritten {
			t.Fatalf("rewritten question has %d characters, limit %d", len([]rune(next)), MaxRewritten)
		}
		q = next
	}
	t.Fatal("follow-ups kept growing")
}

func TestMemory(t *testing.T) {
	t0 := time.Date(2025, 8, 22, 10, 0, 0, 0, time.UTC)
	m := NewMemory(3, 10*time.Minute)
	alice, bob := Key("alice", "dm1"), Key("bob", "dm1")

	if got, re := m.Resolve(alice, "how many North Korean soldiers were killed?", t0); re || got != "how many North Korean soldiers were killed?" {
		t.Errorf("first question resolved to %q (%v)", got, re)
	}
	// Another user in the same channel has a conversation of their own.
	if got, re := m.Resolve(bob, "and how many were wounded?", t0.Add(time.Minute)); re {
		t.Errorf("bob's follow-up used alice's question: %q", got)
	}
	got, re := m.Resolve(alice, "and how many were wounded?", t0.Add(9*time.Minute))
	if !re || got != "how many North Korean soldiers were wounded?" {
		t.Errorf("follow-up within 10 minutes resolved to %q (%v)", got, re)
	}
	// The resolved question is remembered, so follow-ups chain.
	if got, re := m.Resolve(alice, "where?", t0.Add(10*time.Minute)); !re || got != "where were North Korean soldiers wounded?" {
		t.Errorf("chained follow-up resolved to %q (%v)", got, re)
	}
	// Past ten minutes the question is forgotten.
	if got, re := m.Resolve(alice, "when?", t0.Add(21*time.Minute)); re {
		t.Errorf("follow-up after 11 minutes resolved to %q", got)
	}
	if _, ok := m.Last(alice, t0.Add(40*time.Minute)); ok {
		t.Error("a question 19 minutes old is still remembered")
	}

	// At most 3 conversations; the least recently used goes first.
	for i := range 5 {
		m.Remember(Key(fmt.Sprint("user", i), "c"), "q", t0.Add(time.Hour+time.Duration(i)*time.Second))
	}
	if n := m.Len(); n != 3 {
		t.Errorf("%d conversations held, want 3", n)
	}
	if _, ok := m.Last(Key("user0", "c"), t0.Add(time.Hour+5*time.Second)); ok {
		t.Error("the oldest conversation was kept past the bound")
	}
	if q, ok := m.Last(Key("user4", "c"), t0.Add(time.Hour+5*time.Second)); !ok || q != "q" {
		t.Error("the newest conversation was dropped")
	}
}

func TestMemoryConcurrent(t *testing.T) {
	m := NewMemory(50, time.Minute)
	now := time.Now()
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 500 {
				k := Key(fmt.Sprint(g), fmt.Sprint(i%70))
				m.Resolve(k, "how many soldiers were killed?", now)
				m.Resolve(k, "when?", now)
			}
		}()
	}
	for range 8 {
		<-done
	}
	if n := m.Len(); n > 50 {
		t.Errorf("%d conversations held, bound 50", n)
	}
}

func TestStrip(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{"hello! where was the ceremony?", "where was the ceremony?"},
		{"Hi, how many soldiers died?", "how many soldiers died?"},
		{"hey storybot, who did Kim decorate?", "who did Kim decorate?"},
		{"hey storybot who did Kim decorate?", "who did Kim decorate?"},
		{"thanks! and who was decorated?", "and who was decorated?"},
		{"ok so how many were wounded?", "how many were wounded?"},
		{"good morning! what did Kim say?", "what did Kim say?"},
		{"Help, how many died?", "how many died?"},
		{"where was the ceremony? thanks", "where was the ceremony?"},
		{"where was the ceremony? Thank you so much!", "where was the ceremony?"},
		{"how many died please?", "how many died?"},
		{"how many died, please", "how many died"},
		// The question itself is never touched.
		{"where was the ceremony?", "where was the ceremony?"},
		{"good morning Pyongyang was the slogan?", "good morning Pyongyang was the slogan?"},
		{"what weapons would help modernize the army?", "what weapons would help modernize the army?"},
		{"who said 15,000 troops were sent?", "who said 15,000 troops were sent?"},
		{"Kim said: thanks to the soldiers?", "Kim said: thanks to the soldiers?"},
		{"U.S. officials said what?", "U.S. officials said what?"},
		{"so", "so"},
		{"hi", "hi"},
		{"hello!", "hello!"},
		{"  ", ""},
	} {
		if got := Strip(tc.msg); got != tc.want {
			t.Errorf("Strip(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}

// FuzzTalk: any input is classified, stripped and followed up without a
// panic, and a rewritten question stays within bounds.
func FuzzTalk(f *testing.F) {
	for _, s := range []string{"hi", "and how many were wounded?", "what about Russia?", "when?", "북한", "\xff\xfe", "?!,", "a, b, c", strings.Repeat("and ", 500)} {
		f.Add("how many North Korean soldiers were killed?", s)
	}
	f.Fuzz(func(t *testing.T, prev, q string) {
		Classify(q)
		Strip(q)
		if r, ok := FollowUp(prev, q); ok && len([]rune(r)) > MaxRewritten {
			t.Errorf("rewritten to %d characters", len([]rune(r)))
		}
	})
}
