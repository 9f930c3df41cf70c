package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
)

// BenchmarkStageOne reads every PDF of the real corpus (held in memory) into
// pages of positioned text, on one goroutine, and reports pages per second.
// The files are read from disk before the timer starts; compare with
// `pdftotext -layout` over the same files with .ci/bench.
//
//	go test ./extract -run '^$' -bench StageOne -benchtime 3x
func BenchmarkStageOne(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(b), "corpus", "real", "*.pdf"))
	data := make([][]byte, len(files))
	for i, f := range files {
		var err error
		if data[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		for i, f := range files {
			d, err := extract.Read(f, data[i], extract.Options{})
			if err != nil {
				continue // r031 and friends: reported by the corpus tests
			}
			pages += len(d.Pages)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
