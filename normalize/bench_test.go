package normalize_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
)

// BenchmarkStagesTwoThree rebuilds the tables, records and checks of every
// real PDF from stage one's pages (read before the timer starts), on one
// goroutine, and reports pages per second; BenchmarkStageOne in extract
// measures the stage before it. The target is stage two and three taking
// at most 30% of stage one's time. As in a conversion, one document is in
// memory at a time: each is read by stage one with the timer stopped.
//
//	go test ./normalize -run '^$' -bench StagesTwoThree -benchtime 3x
func BenchmarkStagesTwoThree(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedCorpus(b), "real", "*.pdf"))
	r := defaultRules(b)
	pages := 0
	for b.Loop() {
		for _, f := range files {
			b.StopTimer()
			d, err := extract.Open(f, extract.Options{})
			runtime.GC()
			b.StartTimer()
			if err != nil {
				continue
			}
			if _, err := normalize.Document(d, r, normalize.Options{ToolVersion: "bench"}); err != nil {
				b.Errorf("%s: %v", d.Path, err)
			}
			pages += len(d.Pages)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
