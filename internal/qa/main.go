// Command qa fits the answer engine's models and measures answer quality.
//
//	go run ./internal/qa fit  [flags]   fit answer/model.json on the training data
//	go run ./internal/qa eval [flags]   score the shipped model beside plain BM25
//	go run ./internal/qa cv   [flags]   fit with each fold of the story questions held out, and score them
//	go run ./internal/qa explain [flags] QUESTION   show how the model ranks one question's candidates over the seeds
//
// Both index every corpus with the real index and analyse every question
// with the real engine (answer.Engine.Trace), so the features fitted are
// the features the bot computes. The public sets are read from qa-data
// (never copied here): fit reads only their training files; eval reads the
// dev files by default and the test files with -split test. See QUALITY.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/storybot/storybot/answer"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "qa:", err)
		os.Exit(1)
	}
}

type options struct {
	data, repo, split, out, model string
	dump                          string
	storySet                      string
	sets                          []string
	jobs, limit                   int
	withUnanswerable, ablate      bool
	sweep, all                    bool
	misses                        string
	storyWeight, maxDecline       float64
	squadAbstain, offTopic        float64
	l2                            float64
	folds, top                    int
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "fit" && args[0] != "eval" && args[0] != "cv" && args[0] != "explain") {
		return errors.New("usage: qa fit|eval|cv|explain [flags] (see -h)")
	}
	cmd := args[0]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var o options
	var sets string
	data := os.Getenv("QA_DATA")
	if data == "" {
		data = filepath.Join("..", "shared", "qa-data")
	}
	fs.StringVar(&o.data, "data", data, "the qa-data folder (or $QA_DATA)")
	fs.StringVar(&o.repo, "repo", ".", "the repository root (seeds/ and the story dev set)")
	fs.StringVar(&o.split, "split", "dev", "eval: which public files to score: dev, test or train")
	fs.StringVar(&sets, "sets", "story,squad,wikiqa,trecqa", "eval: the sets to score")
	fs.StringVar(&o.storySet, "story", "", "the story questions (default: the dev set, cmd/bot/testdata/devset.jsonl)")
	fs.StringVar(&o.model, "model", "", "eval: a model file to score instead of the shipped one")
	fs.StringVar(&o.out, "out", filepath.Join("answer", "model.json"), "fit: where to write the model")
	fs.StringVar(&o.dump, "dump", "", "fit: also write the training features to rank.tsv and abstain.tsv in this folder (for docs/nonlinear.py)")
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "corpora indexed at once")
	fs.IntVar(&o.limit, "limit", 0, "eval: at most this many questions of each WikiQA and TrecQA file (0: all)")
	fs.BoolVar(&o.withUnanswerable, "with-unanswerable", true, "eval: also ask WikiQA's and TrecQA's questions that have no answer")
	fs.StringVar(&o.misses, "misses", "", "eval: list the questions of this set whose first quote is wrong")
	fs.BoolVar(&o.all, "all", false, "eval: with -misses, list every question of the set, right or wrong, with its confidence")
	fs.BoolVar(&o.sweep, "sweep", false, "eval: also show what each confidence threshold would decline")
	fs.BoolVar(&o.ablate, "ablate", false, "eval: also refit without each ranking feature and report the loss")
	fs.Float64Var(&o.storyWeight, "story-weight", 15, "fit: weight of a story question against a SQuAD one")
	fs.Float64Var(&o.squadAbstain, "squad-abstain-weight", 1, "fit: weight of a SQuAD question in fitting the abstention model")
	fs.Float64Var(&o.offTopic, "off-topic-weight", 1, "fit: weight of an off-topic question (SQuAD's, asked of the story) in fitting the abstention model")
	fs.Float64Var(&o.l2, "l2", 1e-3, "fit: L2 penalty of the ranker and the abstention model")
	fs.IntVar(&o.folds, "folds", 5, "cv: folds of the story questions")
	fs.IntVar(&o.top, "top", 8, "explain: how many candidates to show")
	fs.Float64Var(&o.maxDecline, "max-decline", 0, "fit: choose the threshold to decline at most this share of the answerable training questions (0: choose it on the dev files instead, see devCaps)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	o.sets = strings.Split(sets, ",")
	switch cmd {
	case "fit":
		return fit(ctx, o, stdout)
	case "cv":
		return crossValidate(ctx, o, stdout)
	case "explain":
		if fs.NArg() == 0 {
			return errors.New("usage: qa explain [flags] QUESTION")
		}
		tmp, err := os.MkdirTemp("", "storybot-qa-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		return explain(ctx, o, strings.Join(fs.Args(), " "), tmp, stdout)
	}
	return eval(ctx, o, stdout)
}

// fitCorpora are the shipped model's training data: our story dev set and
// SQuAD 2.0's paragraphs in qa-data/train (CC BY-SA 4.0).
func fitCorpora(o options) ([]corpus, error) {
	story, err := storyCorpus(o.repo, o.storySet)
	if err != nil {
		return nil, err
	}
	squad, err := squadCorpora(filepath.Join(o.data, "train", "squad"))
	if err != nil {
		return nil, err
	}
	paras, err := squadParagraphCorpora(squad)
	if err != nil {
		return nil, err
	}
	return append(append([]corpus{story, offTopic(story, squad)}, squad...), paras...), nil
}

// evalCorpora are the sets eval scores, from the split's files.
func evalCorpora(o options) ([]corpus, error) {
	var out []corpus
	for _, set := range o.sets {
		switch set {
		case "story":
			c, err := storyCorpus(o.repo, o.storySet)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		case "squad":
			root := filepath.Join(o.data, "train", "squad")
			if o.split == "test" {
				root = filepath.Join(o.data, "squad")
			}
			cs, err := squadCorpora(root)
			if err != nil {
				return nil, err
			}
			out = append(out, cs...)
		case "wikiqa", "trecqa":
			path := filepath.Join(o.data, "train", set, o.split+".jsonl")
			if o.split == "test" {
				path = filepath.Join(o.data, set, "test.jsonl")
			}
			cs, err := selectionCorpora(set, path, o.withUnanswerable)
			if err != nil {
				return nil, err
			}
			if o.limit > 0 && len(cs) > o.limit {
				cs = cs[:o.limit]
			}
			out = append(out, cs...)
		default:
			return nil, fmt.Errorf("unknown set %q", set)
		}
	}
	return out, nil
}

// trace traces the corpora that list gives for o.
func (o options) trace(ctx context.Context, list func(options) ([]corpus, error)) ([]traced, error) {
	cs, err := list(o)
	if err != nil {
		return nil, err
	}
	return traceAll(ctx, cs, o.jobs)
}

// dev is o reading sets from the dev files, the questions without an
// answer included.
func (o options) dev(sets ...string) options {
	o.split, o.sets, o.withUnanswerable = "dev", sets, true
	return o
}

func fit(ctx context.Context, o options, stdout io.Writer) error {
	ts, err := o.trace(ctx, fitCorpora)
	if err != nil {
		return err
	}
	m := fitModel(ts, o.fitConfig(), nil)
	if o.dump != "" {
		if err := dump(o.dump, ts, m); err != nil {
			return err
		}
	}
	m.Fitted = fmt.Sprintf("go run ./internal/qa fit -story-weight %v -squad-abstain-weight %v -off-topic-weight %v", o.storyWeight, o.squadAbstain, o.offTopic)
	m.Data = []string{
		"rank, abstain, same_article: fitted on cmd/bot/testdata/devset.jsonl (storybot's own dev set of readers' questions over seeds/) " +
			"and SQuAD 2.0 dev's 8 articles in qa-data/train/squad (Rajpurkar, Jia & Liang 2018, CC BY-SA 4.0), each article as one index of its paragraphs and each paragraph alone as an index",
		"abstain also: every eighth answerable SQuAD question of qa-data/train/squad asked of seeds/, as questions the story does not answer",
		"soft_cover, vector_cos: computed with GloVe 6B 100d word vectors (Pennington, Socher & Manning 2014, PDDL 1.0; see answer/glove.NOTICE)",
		"missing_rarity, held_rarity, off_topic: a word's rarity is its rank by frequency in GloVe's vocabulary (the same source)",
	}
	if o.maxDecline > 0 {
		m.Threshold = fitThreshold(ts, m, o.maxDecline)
		m.Data = append(m.Data, fmt.Sprintf("threshold: declines at most %v of the answerable training questions", o.maxDecline))
	} else {
		dts, err := o.dev("story", "squad", "wikiqa", "trecqa").trace(ctx, evalCorpora)
		if err != nil {
			return err
		}
		m.Threshold = floor3(devThreshold(dts, m, devCaps))
		m.Data = append(m.Data, "threshold: the highest that declines at most 2.5% of the story dev set's answerable questions, "+
			"10% of SQuAD's (train/squad) and 5% of WikiQA's and TrecQA's dev files (qa-data/train; research use, for choosing this setting only)")
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, append(b, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "fitted on %d questions; wrote %s\n", len(ts), o.out)
	table(stdout, "On the training data (in-sample)", []string{"storybot", "BM25"},
		[]map[string]*scores{score(ts, engineSystem(m)), score(ts, bm25System)})
	return nil
}

// fitModel fits the ranker, picks the same-article penalty, then fits the
// abstention model on the ranker's best quotes. Weights are rounded as they
// ship before anything else is chosen with them. The threshold is left at
// 0: fit and cv choose it (fitThreshold, devThreshold).
func fitModel(ts []traced, cfg fitConfig, drop map[int]bool) answer.Model {
	l2 := cfg.l2
	rank := fitRanker(rankExamples(ts, cfg.rank), len(answer.RankFeatures()), l2, drop)
	m := answer.Model{
		Rank:    roundAll(answer.NamedWeights(answer.RankFeatures(), rank)),
		Abstain: answer.NamedWeights(answer.AbstainFeatures(), make([]float64, len(answer.AbstainFeatures()))),
	}
	m.SameArticle = bestSameArticle(ts, m)
	x, y, wt := abstainData(ts, m, cfg.abstain)
	m.Abstain = roundAll(answer.NamedWeights(answer.AbstainFeatures(), fitLogistic(x, y, wt, l2)))
	return m
}

func roundAll(w map[string]float64) map[string]float64 {
	for k, v := range w {
		w[k] = round3(v)
	}
	return w
}

// fitThreshold is chooseThreshold over the training questions, with the
// model's weights as shipped (rounded).
func fitThreshold(ts []traced, m answer.Model, maxDecline float64) float64 {
	var conf []float64
	var answerable []bool
	var wt []float64
	for _, t := range ts {
		if t.trace == nil {
			continue
		}
		picked, c, _, _ := m.Choose(t.trace)
		if len(picked) == 0 {
			continue
		}
		conf = append(conf, c)
		answerable = append(answerable, t.item.answerable)
		wt = append(wt, 1)
	}
	return round3(chooseThreshold(conf, answerable, wt, maxDecline))
}

// bestSameArticle picks the same-article penalty that does best on the
// story questions by MRR plus the share of agreeing sources shown; of
// penalties within 0.01 of the best, the largest, since readers come for
// several outlets' accounts.
func bestSameArticle(ts []traced, m answer.Model) float64 {
	grid := []float64{0, 0.5, 1, 1.5, 2, 3, 4}
	vals := make([]float64, len(grid))
	top := -1.0
	for i, p := range grid {
		m.SameArticle = p
		s := score(ts, engineSystem(m))["story"]
		if s == nil {
			return 0
		}
		vals[i] = s.rr/float64(max(1, s.answerable)) + float64(s.sourcesOK)/float64(max(1, s.sourcesWanted))
		top = math.Max(top, vals[i])
	}
	best := 0.0
	for i, p := range grid {
		if vals[i] >= top-0.01 {
			best = p
		}
	}
	return best
}

// fitConfig says how much a question of each training set counts, in
// fitting the ranker and the abstention model, and how the threshold is
// chosen.
type fitConfig struct {
	rank, abstain map[string]float64
	l2            float64
}

func (o options) fitConfig() fitConfig {
	return fitConfig{
		rank:    map[string]float64{"story": o.storyWeight, "squad": 1, "squad-paragraph": 1},
		abstain: map[string]float64{"story": o.storyWeight, "squad": o.squadAbstain, "squad-paragraph": o.squadAbstain, "off-topic": o.offTopic},
		l2:      o.l2,
	}
}

// loadModel is the shipped model, or the one -model names.
func (o options) loadModel() (answer.Model, error) {
	m := answer.DefaultModel()
	if o.model == "" {
		return m, nil
	}
	b, err := os.ReadFile(o.model)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", o.model, err)
	}
	return m, nil
}

func eval(ctx context.Context, o options, stdout io.Writer) error {
	m, err := o.loadModel()
	if err != nil {
		return err
	}
	ts, err := o.trace(ctx, evalCorpora)
	if err != nil {
		return err
	}
	names := []string{"storybot", "storybot, never declining", "BM25"}
	never := m
	never.Threshold = 0
	runs := []map[string]*scores{score(ts, engineSystem(m)), score(ts, engineSystem(never)), score(ts, bm25System)}
	if o.ablate {
		fts, err := o.trace(ctx, fitCorpora)
		if err != nil {
			return err
		}
		for d, name := range answer.RankFeatures() {
			am := fitModel(fts, o.fitConfig(), map[int]bool{d: true})
			am.Threshold = 0 // the ranking alone
			names = append(names, "without "+name+", never declining")
			runs = append(runs, score(ts, engineSystem(am)))
		}
	}
	table(stdout, fmt.Sprintf("Split %q (the story set is always our dev set, which is also training data: in sample; see qa cv)", o.split), names, runs)
	if o.sweep {
		sweep(stdout, ts, m)
	}
	if o.misses != "" {
		listMisses(stdout, ts, m, o.misses, o.all)
	}
	return nil
}
