// Package metrics is storybot's Prometheus instrumentation: what the bot
// counts, served as Prometheus text on /metrics. It is the only package
// that imports the Prometheus client. Its Metrics satisfies the small
// observer interfaces that the bot and the index declare.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the bot's metrics in a registry of its own (no package
// globals, so tests and several instances do not collide).
type Metrics struct {
	reg *prometheus.Registry

	questions     *prometheus.CounterVec
	answerLatency *prometheus.HistogramVec
	commands      *prometheus.CounterVec
	restErrors    *prometheus.CounterVec
	connected     prometheus.Gauge
	builds        *prometheus.CounterVec
	buildDuration prometheus.Histogram
}

// IndexStats reports the index in use: its articles and passages, and when
// it was built; ok is false while no index is open.
type IndexStats func() (articles, passages int, built time.Time, ok bool)

// New registers the metrics, with the Go runtime's and the process's own.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storybot_questions_total",
			Help: "Questions asked, by front end (slash, http, dm, mention) and outcome (answered, declined, rate_limited, error).",
		}, []string{"front_end", "outcome"}),
		answerLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "storybot_answer_duration_seconds",
			Help:    "Time from a question's arrival to its reply being sent, by front end.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"front_end"}),
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storybot_discord_commands_total",
			Help: "Commands, autocompletes and messages handled, by command and result.",
		}, []string{"command", "result"}),
		restErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storybot_discord_rest_errors_total",
			Help: "Discord REST calls answered with an error status (429 included; 0 for no response), by route and status.",
		}, []string{"route", "status"}),
		connected: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "storybot_discord_connected",
			Help: "1 while the gateway session is up or the HTTP interactions endpoint is serving.",
		}),
		builds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storybot_index_builds_total",
			Help: "Index builds (at start, by /reindex, or when the articles changed), by outcome (ok, error).",
		}, []string{"outcome"}),
		buildDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "storybot_index_build_duration_seconds",
			Help:    "Time to build the index.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 12), // 50 ms to ~100 s
		}),
	}
	m.reg.MustRegister(m.questions, m.answerLatency, m.commands, m.restErrors, m.connected, m.builds, m.buildDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// WatchIndex reports the index's size from stats at every scrape.
func (m *Metrics) WatchIndex(stats IndexStats) {
	gauge := func(name, help string, value func(articles, passages int, built time.Time) float64) prometheus.GaugeFunc {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			a, p, b, ok := stats()
			if !ok {
				return 0
			}
			return value(a, p, b)
		})
	}
	m.reg.MustRegister(
		gauge("storybot_index_articles", "Articles in the index in use.",
			func(a, _ int, _ time.Time) float64 { return float64(a) }),
		gauge("storybot_index_passages", "Passages in the index in use.",
			func(_, p int, _ time.Time) float64 { return float64(p) }),
		gauge("storybot_index_built_timestamp_seconds", "When the index in use was built (Unix time): its generation.",
			func(_, _ int, b time.Time) float64 { return float64(b.UnixNano()) / 1e9 }),
	)
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Question counts a question and how long its asker waited.
func (m *Metrics) Question(frontEnd, outcome string, took time.Duration) {
	m.questions.WithLabelValues(frontEnd, outcome).Inc()
	m.answerLatency.WithLabelValues(frontEnd).Observe(took.Seconds())
}

// Command counts a command handled.
func (m *Metrics) Command(command, result string) {
	m.commands.WithLabelValues(command, result).Inc()
}

// RESTError counts a failed REST call.
func (m *Metrics) RESTError(route string, status int) {
	m.restErrors.WithLabelValues(route, strconv.Itoa(status)).Inc()
}

// Connected sets whether the bot can take interactions.
func (m *Metrics) Connected(up bool) {
	v := 0.0
	if up {
		v = 1
	}
	m.connected.Set(v)
}

// IndexBuilt counts an index build.
func (m *Metrics) IndexBuilt(took time.Duration, err error) {
	if err != nil {
		m.builds.WithLabelValues("error").Inc()
		return
	}
	m.builds.WithLabelValues("ok").Inc()
	m.buildDuration.Observe(took.Seconds())
}
