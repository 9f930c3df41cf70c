package normalize_test

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/tables"
)

// BenchmarkStagesTwoThree rebuilds the tables, records and checks of every
// real PDF from stage one's pages (read before the timer starts), on one
// goroutine, and reports pages per second; BenchmarkStageOne in extract
// measures the stage before it. The target is stage two and three taking
// at most 30% of stage one's time. As in a conversion, one document is in
// memory at a time: each is read by stage one with the timer stopped.
// Besides the total it reports the seconds per run spent in stage two
// (tables.Assemble) and stage three (normalize.FromTables).
//
//	go test ./normalize -run '^$' -bench StagesTwoThree -benchtime 3x
func BenchmarkStagesTwoThree(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedCorpus(b), "real", "*.pdf"))
	r := defaultRules(b)
	pages := 0
	var two, three time.Duration
	for b.Loop() {
		for _, f := range files {
			b.StopTimer()
			d, err := extract.Open(f, extract.Options{})
			runtime.GC()
			b.StartTimer()
			if err != nil {
				continue
			}
			t0 := time.Now()
			res := tables.Assemble(d, r)
			t1 := time.Now()
			normalize.FromTables(d, res, r, normalize.Options{ToolVersion: "bench"})
			two += t1.Sub(t0)
			three += time.Since(t1)
			pages += len(d.Pages)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(two.Seconds()/float64(b.N), "stage2-s/op")
	b.ReportMetric(three.Seconds()/float64(b.N), "stage3-s/op")
}
