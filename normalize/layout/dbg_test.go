package layout

import (
	"fmt"
	"os"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
)

func TestDbgPage(t *testing.T) {
	f := os.Getenv("DBGFILE")
	if f == "" {
		t.Skip()
	}
	doc, err := extract.Open(f, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	fmt.Sscan(os.Getenv("DBGPAGE"), &n)
	for _, r := range Page(&doc.Pages[n-1]) {
		fmt.Printf("y%.1f-%.1f grid=%v lines=%d ", r.Y0, r.Y1, r.Grid != nil, r.Lines)
		for _, c := range r.Cells {
			fmt.Printf("[%d+%d %q] ", c.Col, c.Span, c.Text)
		}
		for _, c := range r.Runs {
			fmt.Printf("{%q}", c.Text)
		}
		fmt.Println()
	}
}
