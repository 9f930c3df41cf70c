package extract

import (
	"strings"
	"testing"
)

func TestReadText(t *testing.T) {
	in := "部门预算收支总表\n\n序号\t收入\t\t支出\t\n1\t一、一般公共预算拨款收入\t24487.92\t一、一般公共服务支出\t\n\f第二页  标题\n"
	doc, err := ReadText(strings.NewReader(in), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(doc.Pages))
	}
	p := doc.Pages[0]
	if len(p.Lines) != 3 {
		t.Fatalf("%d lines, want 3", len(p.Lines))
	}
	if got := p.Lines[0].Text(); got != "部门预算收支总表" {
		t.Errorf("line 0 = %q", got)
	}
	row := p.Lines[2]
	if len(row.Runs) != 4 || row.Runs[2].Text != "24487.92" {
		t.Fatalf("row runs = %+v", row.Runs)
	}
	// Cells sit in their TAB slots, left to right.
	for i := 1; i < len(row.Runs); i++ {
		if row.Runs[i].X0 <= row.Runs[i-1].X1 {
			t.Errorf("run %d overlaps the one before", i)
		}
	}
	if row.Runs[2].X0 < 2*textCellWidth {
		t.Errorf("amount not in slot 2: x0 = %v", row.Runs[2].X0)
	}
	// Two TAB lines: 2 horizontal rules each and one vertical per slot
	// border (5 cells → 6).
	if want := 2*2 + 2*6; len(p.Rules) != want {
		t.Errorf("%d rules, want %d", len(p.Rules), want)
	}
	if got := doc.Pages[1].Lines[0].Text(); got != "第二页 标题" {
		t.Errorf("page 2 = %q", got)
	}
	if doc.Verdict != VerdictOK {
		t.Errorf("verdict %s", doc.Verdict)
	}
}

func TestReadTextRejectsBinary(t *testing.T) {
	if _, err := ReadText(strings.NewReader("ok\n\xff\xfe\n"), "bad.txt"); err == nil || !strings.Contains(err.Error(), "bad.txt: line 2") {
		t.Errorf("err = %v, want one naming the file and line", err)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]Format{
		"%PDF-1.7\n...":               FormatPDF,
		"\n\n%PDF-1.4":                FormatPDF,
		"<html><body>x</body></html>": FormatText,
		"部门预算\t1\n":                   FormatText,
		"\x00\x01\x02\xff":            "",
		"":                            "",
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}
