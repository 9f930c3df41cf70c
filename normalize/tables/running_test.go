package tables_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
)

// TestRunningHead: a department prints its name and the year at the top
// of every page (无锡市发展和改革委员会 2025 年度部门预算公开), a pattern no
// configuration knows. Repeated in the same margin on most pages, it is
// page furniture: not a paragraph of the narrative, nor glued into the
// paragraph a page break cut, which goes on across the break. A line in
// the margin of two pages out of six is kept.
func TestRunningHead(t *testing.T) {
	head := line(run("无锡市发展和改革委员会 2025 年度部门预算公开", 36, 10, 230))
	// Lines of 24 characters run to the right edge of the text.
	body := func(n int, texts ...string) extract.Page {
		p := extract.Page{Number: n, Width: 595, Height: 842, Lines: []extract.Line{head}}
		for k, s := range texts {
			p.Lines = append(p.Lines, line(run(s, 80, 120+30*float64(k), 80+18*float64(len([]rune(s))))))
		}
		return p
	}
	pages := []extract.Page{
		body(1, "一、部门职责", "推动实施创新驱动发展战略，会同相关部门拟订推进全", "市创新创业的规划和政策，提出创新发展和培育经济发",
			"展新动能的政策，会同相关部门规划布局全市重大科技"),
		body(2, "基础设施。"),
		body(3, "二、机构设置", "本部门内设机构包括办公室、发展规划处。"),
		body(4, "三、收支预算", "收入预算合计 9,947.88 万元。"),
		body(5, "四、支出预算", "支出预算合计 9,947.88 万元。"),
		body(6, "五、其他", "无。"),
	}
	// A note in the foot of two pages only.
	for _, i := range []int{2, 4} {
		pages[i].Lines = append(pages[i].Lines, line(run("注：本表无数据的为空表", 90, 800, 300)))
	}
	res := assemble(t, pages...)
	var all []string
	for _, s := range res.Sections {
		all = append(all, s.Paragraphs...)
	}
	text := strings.Join(all, "\n")
	if strings.Contains(text, "年度部门预算公开") {
		t.Errorf("the running head is in the narrative:\n%s", text)
	}
	want := "推动实施创新驱动发展战略，会同相关部门拟订推进全市创新创业的规划和政策，提出创新发展和培育经济发展新动能的政策，会同相关部门规划布局全市重大科技基础设施。"
	if !slices.Contains(all, want) {
		t.Errorf("the paragraph the page break cut is not whole:\n%s", text)
	}
	if n := strings.Count(text, "注：本表无数据的为空表"); n != 2 {
		t.Errorf("the note of two pages is there %d times, want 2", n)
	}
}
