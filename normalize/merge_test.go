package normalize_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/schema"
)

// TestMergeTablesAndNarrative cuts the sample in two, tables and
// narrative, as regions publish them, and merges them back: the
// narrative's 三公经费 and 机关运行经费 are checked against the other
// file's tables, and a copy adds nothing.
func TestMergeTablesAndNarrative(t *testing.T) {
	r := defaultRules(t)
	data, err := os.ReadFile("testdata/seed/yongqing_rsj_2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	// The narrative starts after the tables, at its first section.
	cut := strings.Index(text, "\n一、部门职责及机构设置情况\n") + 1
	if cut <= 0 {
		t.Fatal("no narrative in the sample")
	}
	convert := func(name, s string) *schema.Document {
		doc, err := extract.Read(name, []byte(s), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out, err := normalize.Document(doc, r, normalize.Options{ToolVersion: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tablesDoc := convert("tables.txt", text[:cut])
	narrDoc := convert("narrative.txt", text[cut:])
	copyDoc := convert("copy.txt", text[cut:])
	for _, c := range tablesDoc.Checks {
		if strings.HasPrefix(c.Rule, "narrative_three_public") {
			t.Fatalf("the tables half already checks the 三公 narrative: %+v", c)
		}
	}
	m := normalize.Merge([]*schema.Document{tablesDoc, narrDoc, copyDoc}, r)
	if len(m.Sources) != 3 || m.Sources[2].CopyOf == nil || *m.Sources[2].CopyOf != 1 {
		t.Fatalf("sources %+v", m.Sources)
	}
	if len(m.Tables) != len(tablesDoc.Tables)+len(narrDoc.Tables) || len(m.Narrative) != len(tablesDoc.Narrative)+len(narrDoc.Narrative) {
		t.Errorf("%d tables, %d sections; want %d+%d and %d+%d", len(m.Tables), len(m.Narrative),
			len(tablesDoc.Tables), len(narrDoc.Tables), len(tablesDoc.Narrative), len(narrDoc.Narrative))
	}
	for i, tb := range m.Tables {
		want := 0
		if i >= len(tablesDoc.Tables) {
			want = 1
		}
		if tb.Source != want || tb.ID != fmt.Sprintf("t%02d", i+1) {
			t.Errorf("table %d: source %d id %s", i, tb.Source, tb.ID)
		}
	}
	narrative := 0
	for _, c := range m.Checks {
		if c.Status == "fail" {
			t.Errorf("merged check fails: %s %s", c.Rule, c.Message)
		}
		if strings.HasPrefix(c.Rule, "narrative_three_public_total") {
			narrative++
		}
	}
	if narrative != 1 {
		t.Errorf("%d narrative 三公 checks across the two files, want 1", narrative)
	}
	if m.Document.Department == "" || m.Document.Year != 2024 {
		t.Errorf("metadata %+v", m.Document)
	}
}

func TestGroup(t *testing.T) {
	doc := func(file, dept string, year int, stage, scope string) *schema.Document {
		return &schema.Document{
			Sources:  []schema.Source{{File: file}},
			Document: schema.Meta{Department: dept, Year: year, Stage: stage, Scope: scope},
		}
	}
	docs := []*schema.Document{
		doc("b.pdf", "中国共产党江苏省委员会办公厅", 2017, "budget", ""),
		doc("a.pdf", "江苏省委办公厅", 2017, "budget", "department"),
		doc("c.pdf", "江苏省委办公厅", 2018, "budget", "department"),
		doc("d.pdf", "上海市普陀区司法局", 2026, "budget", "department"),
		doc("e.pdf", "上海市普陀区司法局", 2026, "budget", "unit"),
		doc("f.pdf", "", 2026, "budget", ""),
		doc("g.pdf", "江苏省委办公厅", 2017, "final_account", "department"),
	}
	var got []string
	for _, g := range normalize.Group(docs) {
		var names []string
		for _, d := range g {
			names = append(names, d.Sources[0].File)
		}
		got = append(got, strings.Join(names, "+"))
	}
	want := "a.pdf+b.pdf c.pdf d.pdf e.pdf f.pdf g.pdf"
	if strings.Join(got, " ") != want {
		t.Errorf("groups %q, want %q", got, want)
	}
	// The order of the input does not matter.
	docs[0], docs[6] = docs[6], docs[0]
	var again []string
	for _, g := range normalize.Group(docs) {
		again = append(again, g[0].Sources[0].File)
	}
	if strings.Join(again, " ") != "a.pdf c.pdf d.pdf e.pdf f.pdf g.pdf" {
		t.Errorf("groups after reordering %q", again)
	}
}
