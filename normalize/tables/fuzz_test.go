package tables_test

import (
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
)

// fuzzWords are the texts a fuzzed page is made of: titles, header
// labels, list items, codes, amounts, names wrapped in pieces, notes.
var fuzzWords = []string{
	"部门收支总表", "部门支出总表", "项目支出绩效目标表", "部门整体支出绩效自评表", "单位：万元", "预算年度：2024",
	"序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出", "栏次", "1", "2", "3", "类", "款", "项",
	"一、一般", "公共预算", "二、政府", "三、", "其中：", "小计", "208", "20805", "2080505", "行政事", "业单位",
	"12.50", "1,217.34", "0.00", "-3.2", "100%", "≥", "一级指标", "二级指标", "指标值", "年度目标", "注：",
	"- 3 -", "第2页", "支出", "机关事业单位基本养老保险缴费支出", "补助", "出",
}

// fuzzPages turns bytes into pages of positioned lines: each group of five
// bytes is a run (its word, x, y, width, whether it ends its line), and a
// zero byte where a word would be starts a new page. Any page the bytes
// make must be read without a panic.
func fuzzPages(data []byte) []extract.Page {
	pages := []extract.Page{{Number: 1, Width: 842, Height: 595}}
	var runs []extract.Run
	flush := func() {
		if len(runs) == 0 {
			return
		}
		p := &pages[len(pages)-1]
		l := extract.Line{Runs: runs, Box: runs[0].Box}
		for _, r := range runs[1:] {
			l.Box = l.Box.Union(r.Box)
		}
		p.Lines = append(p.Lines, l)
		runs = nil
	}
	for i := 0; i+5 <= len(data) && len(pages) <= 4; i += 5 {
		b := data[i : i+5]
		if b[0] == 0 {
			flush()
			pages = append(pages, extract.Page{Number: len(pages) + 1, Width: 842, Height: 595})
			continue
		}
		w := fuzzWords[int(b[0])%len(fuzzWords)]
		x := float64(b[1]) * 3
		y := float64(b[2]) * 2.2
		width := float64(b[3]%60) + 4
		size := float64(8 + b[4]%6)
		runs = append(runs, extract.Run{Text: w, Size: size, Box: extract.Box{X0: x, Y0: y, X1: x + width, Y1: y + size}})
		if b[4]&0x80 != 0 {
			flush()
		}
	}
	flush()
	for pi := range pages {
		p := &pages[pi]
		for li := range p.Lines {
			// Rules now and then, around some lines: ruled and unruled
			// pages both.
			if l := p.Lines[li]; int(l.Box.Y0)%7 == 0 {
				p.Rules = append(p.Rules,
					extract.Rule{Box: extract.Box{X0: l.Box.X0 - 2, Y0: l.Box.Y0 - 2.25, X1: l.Box.X1 + 2, Y1: l.Box.Y0 - 1.75}},
					extract.Rule{Box: extract.Box{X0: l.Box.X0 - 2.25, Y0: l.Box.Y0 - 2, X1: l.Box.X0 - 1.75, Y1: l.Box.Y1 + 2}})
			}
		}
	}
	return pages
}

// FuzzAssemble reads pages of random positioned lines made of the words
// tables are made of: stage two must never panic, whatever the layout
// (a panic there costs a whole file).
func FuzzAssemble(f *testing.F) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{1, 100, 10, 40, 0x80, 7, 20, 30, 20, 0, 11, 60, 30, 30, 0, 12, 100, 30, 30, 0x80,
		20, 50, 40, 20, 0, 30, 100, 40, 20, 0, 49, 20, 44, 10, 0x80, 24, 50, 48, 20, 0x80})
	f.Add([]byte{2, 100, 10, 40, 0x80, 25, 20, 30, 20, 0x80, 26, 50, 35, 20, 0, 30, 100, 35, 20, 0x80,
		27, 20, 42, 20, 0x80, 0, 0, 0, 0, 0, 27, 20, 10, 20, 0x80, 28, 22, 18, 20, 0x80})
	f.Add([]byte{3, 100, 10, 40, 0x80, 36, 20, 30, 20, 0, 37, 80, 30, 20, 0, 38, 140, 30, 20, 0x80,
		39, 20, 40, 50, 0, 33, 140, 40, 20, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		pages := fuzzPages(data)
		tables.Assemble(&extract.Document{Path: "fuzz.pdf", Format: extract.FormatPDF, Pages: pages}, r)
	})
}
