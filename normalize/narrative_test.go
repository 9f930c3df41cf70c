package normalize

import (
	"testing"

	"github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
)

// TestStatementsByParagraphTopic: the narrative states amounts the checks
// compare with the tables. A statement is read in the sections of its
// topic, or in a paragraph whose numbered lead names that topic under a
// heading of other matters ((二)“三公”经费预算：… under 六、其他重要事项);
// a glossary's definitions state nothing.
func TestStatementsByParagraphTopic(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	secs := []tables.Section{
		{Heading: "六、其他重要事项的情况说明", Paragraphs: []string{
			"（一）机关运行经费：2026 年长沙市信访局机关运行经费122.98 万元，比上年预算增加 7.20 万元。",
			"（二）“三公”经费预算：2026 年长沙市信访局“三公”经费预算数为 8.00 万元，其中，公务接待费 3.00 万元，因公出国（境）费 0.00 万元。",
		}},
		{Heading: "七、名词解释", Paragraphs: []string{
			"1．“三公”经费：纳入财政预算管理的“三公”经费，是指用一般公共预算拨款安排的公务接待费 9.99 万元。",
		}},
	}
	out, stmts := narrative(secs, r)
	if out[0].Topic != "other" || out[1].Topic != "glossary" {
		t.Errorf("section topics %q, %q", out[0].Topic, out[1].Topic)
	}
	got := map[string]string{}
	for _, s := range stmts {
		got[s.Key] = s.Value + " " + s.Topic
	}
	for key, want := range map[string]string{
		"three_public_total": "8.00 three_public",
		"outbound_travel":    "0.00 three_public",
		"admin_operating":    "122.98 admin_operating",
	} {
		if got[key] != want {
			t.Errorf("statement %s = %q, want %q (all: %v)", key, got[key], want, got)
		}
	}
	if v := got["reception"]; v != "" && v != "3.00 three_public" {
		t.Errorf("reception read from the glossary: %q", v)
	}
}
